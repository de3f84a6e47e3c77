import { DraftBuilder, countryName, tidy } from './draft-builder.js';
import type { Draft } from './draft.js';
import type { ColumnSpec, CsvTable, RowReader } from './csv-table.js';
import { parseEpochTable } from './epoch-table.js';
import { provenanceFor } from '../../graph/value-provenance.js';

export const EPOCH_DATA_CENTERS_SOURCE = 'src-dataset-epoch-data-centers-2026-05';

/** Columns this importer reads (Frontier Data Centers, data_centers.csv). */
export const DATA_CENTER_COLUMNS = {
  name: ['Name'],
  h100e: ['Current H100 equivalents'],
  power: ['Current power (MW)'],
  capex: ['Current total capital cost (2025 USD billions)'],
  owner: ['Owner'],
  users: ['Users'],
  notes: ['Notes'],
  country: ['Country'],
  address: ['Address'],
} as const satisfies ColumnSpec<string>;

const IGNORED = ['Selected Sources', 'Calculations sheet', 'Project', 'Investors', 'Construction companies', 'Energy companies'];

type Column = keyof typeof DATA_CENTER_COLUMNS;

/** Epoch tags each owner and user with its certainty: "OpenAI #likely". */
const CERTAINTY: Record<string, string> = { confident: 'high', likely: 'medium', speculative: 'low' };

/** A tagged cell ("SpaceXAI #confident, Cursor #likely") as names with the graph's confidence. */
export function taggedNames(values: readonly string[]): { name: string; confidence: string }[] {
  return values.map((value) => {
    const tag = /\s*#(\w+)\s*$/.exec(value);
    return { name: value.replace(/\s*#\w+\s*$/, ''), confidence: (tag && CERTAINTY[tag[1]!.toLowerCase()]) ?? 'medium' };
  });
}

/** The city of an address ("5420 Tulane Rd, Memphis, TN 38109" → "Memphis"), or null when it has no such part. */
function cityOf(address: string | null): string | null {
  const parts = (address ?? '').split(',').map((s) => s.trim());
  const city = parts.length >= 3 ? parts[parts.length - 2]! : null;
  return city && !/\d/.test(city) ? city : null;
}

/** Epoch's current figures of a site: its estimates (satellite imagery, permits, reports), as of the snapshot. */
const FIGURES = ['powerMw', 'h100Equivalents', 'capitalCostUsdBn'];

function addDataCenter(b: DraftBuilder, r: RowReader<Column>, name: string, at: string): void {
  const props: Record<string, unknown> = {
    powerMw: tidy(r.number('power')),
    h100Equivalents: tidy(r.number('h100e')),
    capitalCostUsdBn: tidy(r.number('capex')),
    city: cityOf(r.text('address')),
    description: r.text('notes'),
  };
  const valueProvenance = provenanceFor(props, FIGURES, { source: EPOCH_DATA_CENTERS_SOURCE, confidence: 'medium' });
  const dc = b.entity('DataCenter', name, { ...props, valueProvenance }, at);
  const country = countryName(r.text('country') ?? '');
  if (country) b.relationship('LOCATED_IN', dc, b.entity('Country', country, {}, at), {}, at);
  const owners = taggedNames(r.list('owner'));
  for (const { name: owner, confidence } of owners)
    b.relationship('OPERATES', b.entity('Company', owner, { roles: ['DATA_CENTER_OPERATOR'] }, at), dc, { confidence }, at);
  for (const { name: user, confidence } of taggedNames(r.list('users'))) {
    // An owner using its own site is already its operator; a user that does not own it rents capacity there.
    if (owners.some((o) => o.name === user)) continue;
    const notes = 'Epoch AI names the company as a user of the site.';
    b.relationship('RENTS_CAPACITY_AT', b.entity('Company', user, {}, at), dc, { confidence, notes }, at);
  }
}

/**
 * Epoch AI's Frontier Data Centers table: each site with its current power, H100-equivalents and capital cost,
 * its country, its owners (OPERATES) and its users (RENTS_CAPACITY_AT), at Epoch's certainty for each.
 */
export const parseEpochDataCenters = (table: CsvTable): Draft =>
  parseEpochTable(table, {
    source: EPOCH_DATA_CENTERS_SOURCE,
    columns: DATA_CENTER_COLUMNS,
    ignored: IGNORED,
    nameColumn: 'name',
    noun: 'data center',
    add: addDataCenter,
  });
