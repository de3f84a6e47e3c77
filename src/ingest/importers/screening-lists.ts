/**
 * The US screening lists the importer reads (files in the shape of phagehunter/nsfreg's data/*.json, which
 * parses the official publications): what each list is, who issues it and how an entry's fields map onto a
 * LISTS relationship. From the per-list metadata of that repository's lists.json (docs/data.md).
 */

/** One entry as the files hold it. */
export interface ListEntry {
  readonly name?: unknown;
  readonly aliases?: unknown;
  readonly country?: unknown;
  readonly effective_date?: unknown;
  readonly federal_register?: unknown;
  readonly notes?: unknown;
}

export interface ScreeningListSpec {
  readonly format: 'BIS_ENTITY_LIST' | 'BIS_MEU' | 'BIS_DPL' | 'DOW_1260H' | 'OFAC_NSCMIC';
  /** The file's list_id, and the id of the list's Regulation entity. */
  readonly listId: string;
  readonly name: string;
  readonly aliases: string[];
  readonly description: string;
  readonly citation: string;
  readonly url: string;
  readonly issuer: { readonly name: string; readonly aliases: string[] };
  /** Which date of an entry starts its listing: the Federal Register date or the entry's effective date. */
  readonly validFrom: 'federalRegister' | 'effectiveDate';
  /** Whether the entry's notes state its licence requirement (the Entity List's "License requirement" column). */
  readonly notesAreLicence: boolean;
}

const BIS = { name: 'Bureau of Industry and Security', aliases: ['BIS', 'US Bureau of Industry and Security'] };

export const SCREENING_LISTS: readonly ScreeningListSpec[] = [
  {
    format: 'BIS_ENTITY_LIST',
    listId: 'bis-entity-list',
    name: 'Entity List (Supplement No. 4 to Part 744 of the EAR)',
    aliases: ['Entity List', 'BIS Entity List'],
    description: 'Foreign parties subject to licence requirements under the EAR for activities contrary to US national security or foreign policy interests.',
    citation: '15 CFR Part 744, Supplement No. 4',
    url: 'https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744#Supplement-No.-4-to-Part-744',
    issuer: BIS,
    validFrom: 'federalRegister',
    notesAreLicence: true,
  },
  {
    format: 'BIS_MEU',
    listId: 'bis-meu',
    name: "'Military End-User' (MEU) List (Supplement No. 7 to Part 744 of the EAR)",
    aliases: ['Military End-User List', 'MEU List'],
    description: 'Foreign parties BIS has determined to be military end users (15 CFR 744.21), for China, Russia, Belarus, Burma, Cambodia and Venezuela.',
    citation: '15 CFR Part 744, Supplement No. 7',
    url: 'https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/appendix-Supplement%20No.%207%20to%20Part%20744',
    issuer: BIS,
    validFrom: 'federalRegister',
    notesAreLicence: false,
  },
  {
    format: 'BIS_DPL',
    listId: 'bis-dpl',
    name: 'Denied Persons List',
    aliases: ['BIS Denied Persons List', 'DPL'],
    description: 'Parties whose export privileges BIS has denied by order (15 CFR Part 764), each for the period of its order.',
    citation: '15 CFR Part 764 (denial orders)',
    url: 'https://www.bis.gov/licensing/end-user-guidance/denied-persons-list-dpl',
    issuer: BIS,
    validFrom: 'effectiveDate',
    notesAreLicence: false,
  },
  {
    format: 'DOW_1260H',
    listId: 'dow-1260h',
    name: 'Section 1260H List of Chinese Military Companies',
    aliases: ['1260H List', 'Chinese Military Companies List'],
    description:
      'The annual list of "Chinese military companies" operating in the United States, under section 1260H of the NDAA for FY2021 (Pub. L. 116-283).',
    citation: 'Sec. 1260H, NDAA for FY2021 (Pub. L. 116-283), 10 U.S.C. 113 note',
    url: 'https://www.federalregister.gov/documents/search?conditions%5Bsearch_type_id%5D=3&conditions%5Bterm%5D=1260H',
    issuer: { name: 'US Department of War', aliases: ['US Department of Defense', 'Department of Defense', 'DoD', 'Department of War', 'DoW'] },
    validFrom: 'effectiveDate',
    notesAreLicence: false,
  },
  {
    format: 'OFAC_NSCMIC',
    listId: 'ofac-nscmic',
    name: 'Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)',
    aliases: ['NS-CMIC List', 'CMIC List'],
    description:
      'Companies in which US persons may not buy or sell publicly traded securities, under Executive Order 13959 as amended by Executive Order 14032.',
    citation: 'Executive Order 13959, as amended by Executive Order 14032',
    url: 'https://www.treasury.gov/ofac/downloads/ccmc/nscmiclist.pdf',
    issuer: { name: 'Office of Foreign Assets Control', aliases: ['OFAC', 'US Treasury OFAC'] },
    validFrom: 'effectiveDate',
    notesAreLicence: false,
  },
];

export type ScreeningListFormat = ScreeningListSpec['format'];
export const SCREENING_LIST_FORMATS = SCREENING_LISTS.map((l) => l.format);
export const screeningListOf = (format: string): ScreeningListSpec | undefined => SCREENING_LISTS.find((l) => l.format === format);
export const screeningListById = (listId: string): ScreeningListSpec | undefined => SCREENING_LISTS.find((l) => l.listId === listId);
