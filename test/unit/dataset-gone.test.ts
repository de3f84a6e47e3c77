import { describe, expect, it } from 'vitest';
import { snapshotDay } from '../../src/ingest/dataset-gone.js';

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
});
