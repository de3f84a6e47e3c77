import { DraftBuilder, countryName, tidy } from './draft-builder.js';
import type { Draft } from './draft.js';
import { mapColumns, requireColumns, RowReader, type ColumnSpec, type CsvTable } from './csv-table.js';
import { entriesFor, serialiseProvenance } from '../../graph/value-provenance.js';

export const TOP500_SOURCE = 'src-dataset-top500-2025-06';

/** Columns this importer reads from TOP500.org's list export (`;`-separated, numbers as "1 742 000,00"). */
export const TOP500_COLUMNS = {
  rank: ['Rank'],
  name: ['Name'],
  computer: ['Computer'],
  site: ['Site'],
  country: ['Country'],
  segment: ['Segment'],
  rmax: ['Rmax [TFlop/s]'],
  power: ['Power (kW)'],
  powerSource: ['Power Source'],
  accelerator: ['Accelerator/Co-Processor'],
  acceleratorCores: ['Accelerator/Co-Processor Cores'],
} as const satisfies ColumnSpec<string>;

const IGNORED = [
  'Previous Rank',
  'First Appearance',
  'First Rank',
  'Manufacturer',
  'Year',
  'Total Cores',
  'Rpeak [TFlop/s]',
  'Nmax',
  'Nhalf',
  'HPCG [TFlop/s]',
  'Energy Efficiency [GFlops/Watts]',
  'Memory',
  'Architecture',
  'Processor',
  'Processor Technology',
  'Processor Speed (MHz)',
  'Operating System',
  'OS Family',
  'Cores per Socket',
  'Processor Generation',
  'System Model',
  'System Family',
  'Interconnect Family',
  'Interconnect',
  'Continent',
  'Site ID',
  'System ID',
];

type Column = keyof typeof TOP500_COLUMNS;

/** TOP500's numbers: spaces (or no-break spaces) between thousands, a decimal comma; empty is null. */
export function top500Number(value: string | null): number | null {
  const digits = value?.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!digits) return null;
  const n = Number(digits);
  return Number.isFinite(n) ? n : null;
}

/**
 * The accelerators a cell names: "None" is none; "NVIDIA Tesla K40/Intel Xeon Phi 7120P" is two, and the
 * second of "NVIDIA H100/H200" takes the first's vendor.
 */
export function acceleratorsOf(cell: string | null): string[] {
  if (!cell || /^none$/i.test(cell)) return [];
  const [first, ...rest] = cell.split('/').map((s) => s.trim());
  const vendor = first!.split(' ')[0]!;
  return [first!, ...rest.map((part) => (/^(nvidia|amd|intel|huawei)\b/i.test(part) ? part : `${vendor} ${part}`))].filter(Boolean);
}

/**
 * Where a system's values come from: the list itself, at HIGH confidence (its rank and Rmax are its own LINPACK
 * results, its status that the system ran for it); the power with the list's Power Source ("Submitted": the
 * site's figure). No asOf here: the list's date is its snapshot's (the manifest's June 2025), added at loading.
 */
function systemProvenance(props: Record<string, unknown>, powerSource: string | null): string | null {
  const entry = { source: TOP500_SOURCE, confidence: 'high' } as const;
  return serialiseProvenance({
    ...entriesFor(props, ['status', 'top500Rank', 'rmaxPflops'], entry),
    ...entriesFor(props, ['powerMw'], { ...entry, note: powerSource ? `TOP500 Power Source: ${powerSource}.` : undefined }),
  });
}

function addSystem(b: DraftBuilder, r: RowReader<Column>, at: string): void {
  const rank = top500Number(r.text('rank'));
  const site = r.text('site');
  const name = r.text('name') ?? `${site ?? r.text('computer')} (TOP500 June 2025, rank ${rank})`;
  const power = top500Number(r.text('power'));
  const rmax = top500Number(r.text('rmax'));
  const props = { status: 'OPERATIONAL', powerMw: tidy(power, 1000), top500Rank: rank, rmaxPflops: tidy(rmax, 1000) };
  const system = b.entity('DataCenter', name, { ...props, valueProvenance: systemProvenance(props, r.text('powerSource')) }, at);
  const country = countryName(r.text('country') ?? '');
  if (country) b.relationship('LOCATED_IN', system, b.entity('Country', country, {}, at), {}, at);
  if (site) b.relationship('OPERATES', b.entity('Company', site, { roles: ['DATA_CENTER_OPERATOR'] }, at), system, {}, at);
  const cores = r.text('acceleratorCores');
  for (const chip of acceleratorsOf(r.text('accelerator'))) {
    // TOP500 counts accelerator cores (streaming multiprocessors and the like), not chips: no chipCount.
    const notes = cores ? `TOP500 June 2025 lists ${cores} accelerator cores for the system (a core count, not a chip count).` : null;
    b.relationship('EQUIPPED_WITH', system, b.entity('Chip', chip, {}, at), { notes }, at);
  }
}

/**
 * TOP500.org's list (June 2025): each system a DataCenter with its rank, LINPACK Rmax and power, located in its
 * country, operated by its site, and equipped with its accelerators (no counts: the list gives cores).
 */
export function parseTop500(table: CsvTable): Draft {
  const { columns, unknown } = mapColumns(table.header, TOP500_COLUMNS, IGNORED);
  const b = new DraftBuilder(TOP500_SOURCE);
  b.issues.push(...requireColumns(columns, TOP500_COLUMNS, ['rank', 'site', 'country']));
  for (const row of b.issues.length ? [] : table.rows) {
    b.records += 1;
    const r = new RowReader<Column>(row, columns, b.issues);
    const at = `row ${row.row}`;
    if (top500Number(r.text('rank')) === null) b.skip(at, 'no rank');
    else addSystem(b, r, at);
  }
  return b.build(unknown);
}
