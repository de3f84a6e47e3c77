import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotDay } from '../../src/ingest/dataset-gone.js';
import { readManifest } from '../../src/ingest/default-graph.js';

describe('the day a snapshot is ordered by and ends what it lacks on', () => {
  it('is the snapshot date itself when the manifest gives a day', () => {
    expect(snapshotDay('2026-11-15')).toBe('2026-11-15');
  });

  it('is the first day of the month or year a partial date names', () => {
    expect(snapshotDay('2026-07')).toBe('2026-07-01');
    expect(snapshotDay('2025')).toBe('2025-01-01');
  });

  it('is the day of the import for an undated snapshot', () => {
    expect(snapshotDay(null, new Date('2026-12-02T23:59:00Z'))).toBe('2026-12-02');
  });

  it('comes from a manifest that refuses a snapshot date it cannot order, naming the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-manifest-'));
    const entry = { file: 'a.csv', importer: 'CSV', source: 's', snapshotDate: 'July 2026', publisher: 'p', licence: 'l', origin: 'o' };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ files: [entry] }));
    expect(() => readManifest(dir)).toThrow(/snapshotDate[\s\S]*must be a date: YYYY, YYYY-MM or YYYY-MM-DD/);
  });
});
