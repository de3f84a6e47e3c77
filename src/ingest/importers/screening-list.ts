import type { Draft, DraftEntity, DraftRelationship, SkippedRecord } from './draft.js';
import { normaliseName, unreadable } from './draft.js';
import { citationDates, expiryOf, isoDate, oneLine } from './list-dates.js';
import { matchParties, type Party } from './list-matching.js';
import { isOrganisation } from './party-kind.js';
import { splitAcronym } from './party-names.js';
import { screeningListById, type ListEntry, type ScreeningListSpec } from './screening-lists.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== null) : []);

/** The list's Regulation, its issuer and the snapshot it is read from, as draft entities. */
function listEntities(spec: ScreeningListSpec, source: string, snapshot: string): { entities: DraftEntity[]; issuedBy: DraftRelationship } {
  const at = 'list';
  const entities: DraftEntity[] = [
    {
      ref: source,
      id: source,
      kind: 'Source',
      name: `${spec.name}, snapshot of ${snapshot}`,
      sources: [],
      props: { title: `${spec.name} (as extracted on ${snapshot})`, publisher: `US Government (${spec.issuer.name})`, url: spec.url, publishedDate: snapshot },
      at,
    },
    {
      ref: spec.listId,
      id: spec.listId,
      kind: 'Regulation',
      name: spec.name,
      aliases: spec.aliases,
      sources: [source],
      props: { description: spec.description, issuer: spec.issuer.name, jurisdiction: 'United States', citation: spec.citation, url: spec.url },
      at,
    },
    { ref: 'issuer', kind: 'Company', name: spec.issuer.name, aliases: spec.issuer.aliases, sources: [source], props: { roles: ['GOVERNMENT_AGENCY'] }, at },
  ];
  return { entities, issuedBy: { type: 'ISSUED_BY', from: spec.listId, to: 'issuer', sources: [source], props: { confidence: 'high' }, at } };
}

/** What one entry says about its listing: dates, citation, licence requirement, notes. */
function listingOf(spec: ScreeningListSpec, e: ListEntry): Record<string, unknown> {
  const citation = str(e.federal_register);
  const notes = str(e.notes);
  const validFrom = spec.validFrom === 'effectiveDate' ? (isoDate(e.effective_date) ?? citationDates(citation ?? '')[0]) : citationDates(citation ?? '')[0];
  return {
    validFrom: validFrom ?? null,
    validTo: expiryOf(notes),
    citation: citation && oneLine(citation),
    licenseRequirement: spec.notesAreLicence ? notes : null,
    notes: spec.notesAreLicence ? null : notes,
    confidence: 'high',
  };
}

/** Entries of the same name are one party (the lists name a party once under each country it has addresses in). */
function partiesOf(entries: readonly ListEntry[], skipped: SkippedRecord[], spec: ScreeningListSpec): Party[] {
  const parties = new Map<string, Party>();
  entries.forEach((e, i) => {
    const at = `entities[${i}]`;
    const raw = str(e?.name);
    if (!raw) return void skipped.push({ at, reason: 'no name' });
    const { name, alias } = splitAcronym(raw);
    const aliases = [...new Set([...(alias ? [alias] : []), ...strings(e.aliases)])].filter((a) => a !== name);
    if (!isOrganisation(name, aliases))
      return void skipped.push({ at, reason: 'possibly a natural person: the graph holds organisations only (docs/data.md, People)' });
    const country = str(e.country);
    const key = normaliseName(name);
    const party = parties.get(key);
    const listing = listingOf(spec, e);
    if (!party) return void parties.set(key, { ref: `party:${key}`, name, aliases, countries: country ? [country] : [], listing, at });
    if (country && !party.countries.includes(country)) party.countries.push(country);
    for (const a of aliases) if (!party.aliases.includes(a)) party.aliases.push(a);
  });
  return [...parties.values()];
}

/**
 * A US screening list (Entity List, MEU, DPL, 1260H, NS-CMIC) in the shape of phagehunter/nsfreg's files:
 * the list as a Regulation issued by its agency, the snapshot as a Source, and each organisation on it as a
 * Company the list LISTS (citation and date, licence requirement, countries), matched to the graph's
 * companies when the import runs. Possible natural persons are left out.
 */
export function parseScreeningList(content: string, spec: ScreeningListSpec | null): Draft {
  let file: { list_id?: unknown; extracted?: unknown; entities?: unknown };
  try {
    file = JSON.parse(content.replace(/^\uFEFF/, '')) as typeof file;
  } catch (error) {
    return unreadable(`The file is not valid JSON (${(error as Error).message}).`);
  }
  const listId = str(file?.list_id);
  const list = spec ?? (listId ? screeningListById(listId) : undefined);
  if (!list || listId !== list.listId || !Array.isArray(file.entities)) {
    return unreadable(`The file must be a screening list with list_id "${spec?.listId ?? 'bis-entity-list'}" and an "entities" array.`, 'list_id');
  }
  const snapshot = isoDate(file.extracted);
  if (!snapshot) return unreadable('The file has no "extracted" date (YYYY-MM-DD): the snapshot it is cannot be sourced.', 'extracted');
  const source = `src-${list.listId}-${snapshot}`;
  const skipped: SkippedRecord[] = [];
  const parties = partiesOf(file.entities as ListEntry[], skipped, list);
  const { entities, issuedBy } = listEntities(list, source, snapshot);
  const draft: Draft = {
    mode: 'fill',
    entities: [
      ...entities,
      ...parties.map((p) => ({ ref: p.ref, kind: 'Company' as const, name: p.name, aliases: p.aliases, sources: [source], props: {}, at: p.at, idOnly: true })),
    ],
    relationships: [
      issuedBy,
      ...parties.map((p) => ({
        type: 'LISTS',
        from: list.listId,
        to: p.ref,
        sources: [source],
        props: { ...p.listing, countries: p.countries.join(', ') || null },
        at: p.at,
      })),
    ],
    skipped,
    unknownColumns: [],
    issues: [],
    records: file.entities.length,
  };
  return { ...draft, refine: (graph) => matchParties(draft, parties, graph) };
}
