import { DraftBuilder, countryName, tidy } from './draft-builder.js';
import type { Draft } from './draft.js';
import type { ColumnSpec, CsvTable, RowReader } from './csv-table.js';
import { parseEpochTable } from './epoch-table.js';
import { clusterCertainty } from './epoch-confidence.js';
import { entriesFor, serialiseProvenance } from '../../graph/value-provenance.js';

export const EPOCH_CLUSTERS_SOURCE = 'src-epoch-gpu-clusters';
/** The coordinates in the copy of the table we ship were added by that repository's author, not by Epoch AI. */
export const CLUSTER_GEOCODING_SOURCE = 'src-kitwebster-cluster-geocoding';

/** Columns this importer reads (GPU Clusters, formerly "AI Supercomputers"). */
export const CLUSTER_COLUMNS = {
  name: ['Name'],
  status: ['Status'],
  certainty: ['Certainty'],
  certaintyNote: ['Certainty Note'],
  country: ['Country'],
  owner: ['Owner'],
  firstOperational: ['First Operational Date'],
  power: ['Power Capacity (MW)'],
  location: ['Location'],
  chip1: ['Chip type (primary)'],
  quantity1: ['Chip quantity (primary)'],
  chip2: ['Chip type (secondary)'],
  quantity2: ['Chip quantity (secondary)'],
  latitude: ['latitude'],
  longitude: ['longitude'],
} as const satisfies ColumnSpec<string>;

const IGNORED = [
  'Single cluster?',
  'Max OP/s (log)',
  'H100 equivalents',
  'Note',
  'Sector',
  'Hardware Cost',
  'Users',
  'Hardware note',
  'Quote',
  'First Operational Date Note',
  'Energy Efficiency (log)',
  'Builds Upon',
  'Superseded by',
  'Possible Duplicate',
  'Possible Duplicate Of',
  'Total number of AI chips',
  'GPU Supplier (primary)',
  'GPU supplier (secondary)',
  'Include in Standard Analysis',
  'Exclude',
  'Rank when first operational',
  '16-bit OP/s (log)',
  'Max OP/s',
  '8-bit OP/s',
  '16-bit OP/s',
  '32-bit OP/s',
  'Calculated Power Capacity (MW)',
  'Reported Power Capacity (MW)',
  'Energy Efficiency',
  'Calculated Cost',
  'Reported Cost',
  'Reported Cost (Inflation adjusted)',
  'Cost Quote',
  'Noteworthy',
  'Decommissioned Date (if applicable)',
  'Largest existing cluster when first operational',
  '% of largest cluster when first operational',
  'Source 1',
  'Source 2',
  'Source 3',
  'Source 4',
  'Source 5',
];

type Column = keyof typeof CLUSTER_COLUMNS;

const STATUS: Record<string, string> = {
  existing: 'OPERATIONAL',
  planned: 'PLANNED',
  'under construction': 'UNDER_CONSTRUCTION',
  decommissioned: 'DECOMMISSIONED',
};
const CONFIDENCE: Record<string, string> = { confirmed: 'high', likely: 'medium', unlikely: 'low' };

/** A short single-line location is a city; street addresses and coordinates are left out. */
const cityOf = (location: string | null, country: string | null): string | null =>
  location && !/[\n\d]/.test(location) && location.length <= 40 && location !== country ? location : null;

function addCluster(b: DraftBuilder, r: RowReader<Column>, name: string, at: string): void {
  const country = countryName(r.text('country') ?? '');
  const confidence = CONFIDENCE[(r.text('certainty') ?? '').toLowerCase()] ?? null;
  const props: Record<string, unknown> = {
    status: STATUS[(r.text('status') ?? '').toLowerCase()] ?? null,
    operationalDate: r.date('firstOperational'),
    powerMw: tidy(r.number('power')),
    city: cityOf(r.text('location'), country),
  };
  const [latitude, longitude] = [r.number('latitude'), r.number('longitude')];
  // Coordinates come as a pair within range, or not at all.
  if (latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) Object.assign(props, { latitude, longitude });
  const claimed = clusterCertainty(r.text('certainty'));
  const valueProvenance = serialiseProvenance({
    ...entriesFor(props, ['powerMw'], { source: EPOCH_CLUSTERS_SOURCE, ...claimed, note: r.text('certaintyNote') ?? undefined }),
    ...entriesFor(props, ['latitude', 'longitude'], {
      source: CLUSTER_GEOCODING_SOURCE,
      confidence: null,
      note: "geocoded by the copy's author, not by Epoch AI",
    }),
  });
  const dc = b.entity('DataCenter', name, { ...props, valueProvenance }, at);
  if (country) b.relationship('LOCATED_IN', dc, b.entity('Country', country, {}, at), {}, at);
  for (const owner of r.list('owner')) b.relationship('OPERATES', b.entity('Company', owner, { roles: ['DATA_CENTER_OPERATOR'] }, at), dc, { confidence }, at);
  for (const [chipKey, quantityKey] of [
    ['chip1', 'quantity1'],
    ['chip2', 'quantity2'],
  ] as const) {
    const chip = r.text(chipKey);
    const count = r.number(quantityKey);
    if (chip) b.relationship('EQUIPPED_WITH', dc, b.entity('Chip', chip, {}, at), { chipCount: count === null ? null : Math.round(count), confidence }, at);
  }
}

const anonymised = (name: string): string | null =>
  /^anonymi[sz]ed\b/i.test(name) ? `"${name}": anonymised by Epoch AI, cannot be attributed to an owner` : null;

/**
 * Epoch AI's GPU Clusters table: data centers with status, power and first operational date, their country,
 * owners (OPERATES) and chips (EQUIPPED_WITH, with counts). Rows Epoch anonymised cannot be attributed and
 * are skipped.
 */
export const parseEpochClusters = (table: CsvTable): Draft =>
  parseEpochTable(table, {
    source: EPOCH_CLUSTERS_SOURCE,
    columns: CLUSTER_COLUMNS,
    ignored: IGNORED,
    nameColumn: 'name',
    noun: 'cluster',
    skip: anonymised,
    add: addCluster,
  });
