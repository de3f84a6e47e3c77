import { DraftBuilder, tidy } from './draft-builder.js';
import type { Draft } from './draft.js';
import { mapColumns, requireColumns, RowReader, type ColumnSpec, type CsvTable } from './csv-table.js';
import { provenanceFor } from '../../graph/value-provenance.js';

/** A reading's figures, each as of the reading's day. */
const READING_FIGURES = ['powerMw', 'itPowerMw', 'h100Equivalents', 'buildingsOperational', 'capitalCostUsdBn'];

export const EPOCH_TIMELINES_SOURCE = 'src-dataset-epoch-data-center-timelines-2026-05';

/** Columns this importer reads (Frontier Data Centers, data_center_timelines.csv). */
export const TIMELINE_COLUMNS = {
  dataCenter: ['Data center'],
  date: ['Date'],
  status: ['Construction status'],
  buildings: ['Buildings operational'],
  itPower: ['IT power (MW)'],
  power: ['Power (MW)'],
  h100e: ['H100 equivalents'],
  capex: ['Total capital cost (2025 USD billions)'],
  current: ['Current H100 equivalents (from Data center)'],
} as const satisfies ColumnSpec<string>;

const IGNORED = [
  'Performance (8-bit OP/s)',
  'Compute cost (2025 USD billions)',
  'Construction cost (2025 USD billions)',
  'Annual operating cost (2025 USD billions)',
  'Water use (MGD)',
  'Thumbnail',
];

type Column = keyof typeof TIMELINE_COLUMNS;

interface Reading {
  readonly dataCenter: string;
  readonly date: string;
  readonly at: string;
  readonly props: Record<string, unknown>;
  /** The site's "current" H100-equivalents, as of the snapshot. */
  readonly current: number | null;
}

/**
 * The last day the snapshot observed: for each site, the first reading at its "current" capacity; the latest of
 * those. Later readings are Epoch's projections (the file runs to 2030).
 */
export function observedUntil(readings: readonly Reading[]): string | null {
  const reached = new Map<string, string>();
  for (const r of [...readings].sort((a, b) => a.date.localeCompare(b.date))) {
    const h100e = r.props.h100Equivalents as number | null;
    if (r.current && h100e !== null && Math.abs(h100e - r.current) <= 1e-6 * r.current && !reached.has(r.dataCenter)) reached.set(r.dataCenter, r.date);
  }
  return [...reached.values()].sort().at(-1) ?? null;
}

function readReadings(table: CsvTable, b: DraftBuilder, columns: Map<Column, string>): Reading[] {
  const readings: Reading[] = [];
  for (const row of table.rows) {
    b.records += 1;
    const r = new RowReader<Column>(row, columns, b.issues);
    const [dataCenter, date] = [r.text('dataCenter'), r.date('date')];
    const props = {
      powerMw: tidy(r.number('power')),
      itPowerMw: tidy(r.number('itPower')),
      h100Equivalents: tidy(r.number('h100e')),
      buildingsOperational: tidy(r.number('buildings')),
      capitalCostUsdBn: tidy(r.number('capex')),
      statusNote: r.text('status'),
    };
    if (!dataCenter || !date) b.skip(`row ${row.row}`, 'no data center or date');
    else readings.push({ dataCenter, date, at: `row ${row.row}`, props, current: r.number('current') });
  }
  return readings;
}

/**
 * Epoch AI's data-center timelines as dated Observations: each reading is an Observation of its site
 * (OBSERVED_AS), holding from its day to the site's next reading, so `observations(asOf:)` reads one day. Readings
 * after the snapshot's last observed day are marked `projected`, at low confidence, with a note saying so.
 */
export function parseEpochTimelines(table: CsvTable): Draft {
  const { columns, unknown } = mapColumns(table.header, TIMELINE_COLUMNS, IGNORED);
  const b = new DraftBuilder(EPOCH_TIMELINES_SOURCE);
  b.issues.push(...requireColumns(columns, TIMELINE_COLUMNS, ['dataCenter', 'date', 'h100e', 'current']));
  const readings = b.issues.length ? [] : readReadings(table, b, columns);
  const until = observedUntil(readings);
  const sorted = [...readings].sort((x, y) => x.dataCenter.localeCompare(y.dataCenter) || x.date.localeCompare(y.date));
  sorted.forEach((r, i) => {
    const next = sorted.slice(i + 1).find((n) => n.dataCenter === r.dataCenter && n.date > r.date);
    const projected = until !== null && r.date > until;
    const name = `${r.dataCenter}, ${r.date}`;
    const notes = projected ? `Epoch AI's projection for this day (its readings are observed to ${until}), not an observation.` : null;
    const claim = projected ? { confidence: 'low' as const, estimate: true, note: notes! } : { confidence: 'medium' as const };
    const valueProvenance = provenanceFor(r.props, READING_FIGURES, { source: EPOCH_TIMELINES_SOURCE, asOf: r.date, ...claim });
    const observation = b.entity('Observation', name, { ...r.props, observedDate: r.date, projected, valueProvenance }, r.at);
    b.relationship(
      'OBSERVED_AS',
      b.entity('DataCenter', r.dataCenter, {}, r.at),
      observation,
      { validFrom: r.date, validTo: next?.date ?? null, confidence: projected ? 'low' : 'medium', notes },
      r.at,
    );
  });
  return b.build(unknown);
}
