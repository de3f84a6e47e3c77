import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/ingest/importers/index.js';
import { citationDates, expiryOf, oneLine } from '../../src/ingest/importers/list-dates.js';
import { isOrganisation } from '../../src/ingest/importers/party-kind.js';
import { coreName, legalName, splitAcronym } from '../../src/ingest/importers/party-names.js';

const list = (listId: string, entities: unknown[], extracted: unknown = '2026-07-09'): string => JSON.stringify({ list_id: listId, extracted, entities });
const entry = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  aliases: [],
  country: 'China',
  federal_register: '84 FR 22963, 5/21/19',
  notes: null,
  ...extra,
});

describe('reading the dates of screening lists', () => {
  it('reads numeric and spelled-out Federal Register dates, earliest first', () => {
    expect(citationDates('80 FR 8527, 2/18/15.\n87 FR 62202, 10/13/22')).toEqual(['2015-02-18', '2022-10-13']);
    expect(citationDates('91 FR 35189 (June 10, 2026)')).toEqual(['2026-06-10']);
    expect(citationDates('46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81')).toEqual(['1981-03-30', '1981-09-17']);
    expect(citationDates('85 FR 83799, 12/23/2020')).toEqual(['2020-12-23']);
  });

  it('ignores impossible dates and reads the expiry of a denial order', () => {
    expect(citationDates('84 F.R. 437789 2/30/2019')).toEqual([]);
    expect(expiryOf('Type of denial: Standard; Expires: 2026-10-27')).toBe('2026-10-27');
    expect(expiryOf('Type of denial: Standard')).toBeNull();
    expect(oneLine('80 FR 8527, 2/18/15.\n87 FR 62202, 10/13/22')).toBe('80 FR 8527, 2/18/15; 87 FR 62202, 10/13/22');
  });
});

describe('names of listed parties', () => {
  it('drops legal forms, then descriptors, and spells out abbreviations', () => {
    expect(legalName('Huawei Technologies Co., Ltd.')).toBe('huawei technologies');
    expect(coreName('Huawei Technologies Co., Ltd.')).toBe('huawei');
    expect(legalName('Semiconductor Mfg International Corp.')).toBe(legalName('Semiconductor Manufacturing International Corporation'));
    expect(legalName('Huawei Technologies Costa Rica S.A.')).toBe('huawei technologies costa rica');
  });

  it('takes an acronym in parentheses as an alias but keeps a place in the name', () => {
    expect(splitAcronym('Semiconductor Manufacturing International Corporation (SMIC)')).toEqual({
      name: 'Semiconductor Manufacturing International Corporation',
      alias: 'SMIC',
    });
    expect(splitAcronym('HiSilicon Technologies Co., Ltd (HiSilicon)')).toEqual({ name: 'HiSilicon Technologies Co., Ltd', alias: 'HiSilicon' });
    expect(splitAcronym('HiSilicon Tech (Suzhou) Co., Ltd.')).toEqual({ name: 'HiSilicon Tech (Suzhou) Co., Ltd.', alias: null });
  });

  it('counts an entry as an organisation only when a name carries a word only organisations bear', () => {
    expect(isOrganisation('Afghan-German Construction Company')).toBe(true);
    expect(isOrganisation('AL NASER AIRLINES')).toBe(true);
    expect(isOrganisation('Sugon', ['Dawning Information Industry'])).toBe(true);
    expect(isOrganisation('Abdul Satar Ghoura')).toBe(false);
    expect(isOrganisation('IRINA MORGOVSKY')).toBe(false);
  });
});

describe('parsing a screening list', () => {
  it('makes the list a Regulation issued by its agency, the snapshot a Source and each organisation a listed Company', () => {
    const { format, draft } = parseImport(
      'AUTO',
      list('bis-entity-list', [entry('Huawei Technologies Co., Ltd.', { notes: 'For all items subject to the EAR.' }), entry('Abdul Satar Ghoura')]),
    );
    expect(format).toBe('BIS_ENTITY_LIST');
    expect(draft.issues).toEqual([]);
    expect(draft.entities.map((e) => [e.kind, e.name])).toEqual([
      ['Source', 'Entity List (Supplement No. 4 to Part 744 of the EAR), snapshot of 2026-07-09'],
      ['Regulation', 'Entity List (Supplement No. 4 to Part 744 of the EAR)'],
      ['Company', 'Bureau of Industry and Security'],
      ['Company', 'Huawei Technologies Co., Ltd.'],
    ]);
    expect(draft.relationships.find((r) => r.type === 'LISTS')).toMatchObject({
      from: 'bis-entity-list',
      sources: ['src-bis-entity-list-2026-07-09'],
      props: {
        validFrom: '2019-05-21',
        citation: '84 FR 22963, 5/21/19',
        licenseRequirement: 'For all items subject to the EAR.',
        countries: 'China',
        notes: null,
      },
    });
    expect(draft.skipped).toEqual([{ at: 'entities[1]', reason: 'possibly a natural person: the graph holds organisations only (docs/data.md, People)' }]);
  });

  it('writes the listing date and licence requirement on the LISTS relationship, cited by the snapshot, and no value onto the company', () => {
    const shipped = readFileSync(new URL('../../data/datasets/us-lists/bis_entity_list.json', import.meta.url), 'utf8');
    const { draft } = parseImport('BIS_ENTITY_LIST', shipped);
    const huawei = draft.entities.find((e) => e.kind === 'Company' && e.name === 'Huawei Technologies Co., Ltd.')!;
    expect(huawei.props).toEqual({});
    expect(draft.relationships.find((r) => r.type === 'LISTS' && r.to === huawei.ref)).toMatchObject({
      sources: ['src-bis-entity-list-2026-07-09'],
      props: { validFrom: '2019-05-21', licenseRequirement: expect.stringContaining('For all items subject to the EAR') },
    });
    // Nothing the list says is a value on an entity, so there is no per-value provenance to record (docs/data.md).
    expect(draft.entities.filter((e) => e.props.valueProvenance)).toEqual([]);
  });

  it('merges entries of the same name under several countries into one party', () => {
    const { draft } = parseImport('BIS_MEU', list('bis-meu', [entry('Acme Aviation Co.'), entry('Acme Aviation Co.', { country: 'Russia' })]));
    const lists = draft.relationships.filter((r) => r.type === 'LISTS');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.props).toMatchObject({ countries: 'China, Russia', licenseRequirement: null });
  });

  it('dates a denial from its effective date to its expiry', () => {
    const dpl = entry('KZ RESULTS LLC', {
      effective_date: '2021-10-27',
      federal_register: '86 F.R. 60000 11/1/2021',
      notes: 'Type of denial: Standard; Expires: 2026-10-27',
    });
    const { draft } = parseImport('BIS_DPL', list('bis-dpl', [dpl]));
    expect(draft.relationships.find((r) => r.type === 'LISTS')!.props).toMatchObject({
      validFrom: '2021-10-27',
      validTo: '2026-10-27',
      notes: 'Type of denial: Standard; Expires: 2026-10-27',
    });
  });

  it('refuses a file of another list, or one without its snapshot date', () => {
    expect(parseImport('BIS_MEU', list('bis-entity-list', [])).draft.issues).toEqual([
      { code: 'UNREADABLE_FILE', field: 'list_id', message: 'The file must be a screening list with list_id "bis-meu" and an "entities" array.' },
    ]);
    expect(parseImport('BIS_MEU', list('bis-meu', [], null)).draft.issues.map((i) => i.field)).toEqual(['extracted']);
    expect(parseImport('OFAC_NSCMIC', '{ nope').draft.issues.map((i) => i.code)).toEqual(['UNREADABLE_FILE']);
  });
});
