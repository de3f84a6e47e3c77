import { describe, expect, it } from 'vitest';
import type { TargetResult } from '../../bench/measure.js';
import { resultsTable, targetChecks, type BenchResults } from '../../bench/report.js';

const target = (requestsPerSecond: number, rssPeakMb: number, perRound?: number[]): TargetResult => ({
  requestsPerSecond,
  p50: 3,
  p99: 9,
  meanLatency: 4,
  total: 1000,
  failed: 0,
  rssPeakMb,
  rssMeanMb: rssPeakMb,
  perRound,
});

// Only what the table and the checks read; the rest of a run's record does not matter to them.
const results = (ours: TargetResult, limit: TargetResult): BenchResults =>
  ({
    options: { size: 1e4, duration: 8, rounds: 3, warmup: 2, connections: 8, requests: 32 },
    startup: { oursMs: [900], peerMs: 1200 },
    operations: [{ name: 'byId', title: 'entity by id', targets: { ours, peer: { na: 'none' }, limit }, oursToPeer: null, oursToLimit: 0.5 }],
    unavailable: [],
    failures: {},
  }) as unknown as BenchResults;

describe('the bench report', () => {
  it('shows the lowest and highest round beside the median throughput', () => {
    const table = resultsTable(results(target(585, 100, [413, 585, 784]), target(1200, 90)));
    expect(table).toContain('585 req/s (413–784) · p50 3 · p99 9');
    expect(table).toContain('1200 req/s · p50 3');
  });

  it('checks our peak and mean RSS under load against the bare-driver process, at most 1.1 times it', () => {
    const within = targetChecks(results(target(500, 105), target(1000, 100)));
    expect(within).toContain('met: peak RSS of ours under load within 1.1× the bare-driver process (105 / 100 MB = 1.05×)');
    expect(within).toContain('met: mean RSS of ours under load within 1.1× the bare-driver process (105 / 100 MB = 1.05×)');
    const over = targetChecks(results(target(500, 150), target(1000, 100)));
    expect(over).toContain('MISSED: peak RSS of ours under load within 1.1× the bare-driver process (150 / 100 MB = 1.50×)');
    expect(over).toContain('MISSED: mean RSS of ours under load within 1.1× the bare-driver process (150 / 100 MB = 1.50×)');
  });
});
