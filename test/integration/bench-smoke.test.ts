import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEST } from '../../bench/best-cypher.js';
import { OPERATIONS } from '../../bench/operations.js';
import type { BenchResults } from '../../bench/report.js';

/**
 * The smoke run of the benchmark (`npm run bench:smoke`): a tiny synthetic graph in its own throwaway Neo4j,
 * a few requests per operation and target. It proves the benchmark works end to end; it asserts nothing about speed.
 */
const work = mkdtempSync(path.join(tmpdir(), 'atlas-bench-smoke-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runSmoke(): { results: BenchResults; markdown: string; stderr: string } {
  const out = path.join(work, 'results');
  const run = spawnSync('npm', ['run', '--silent', 'bench:smoke', '--', '--data-dir', path.join(work, 'neo4j'), '--out', out], {
    encoding: 'utf8',
    timeout: 280_000,
  });
  if (run.status !== 0) throw new Error(`bench:smoke failed (status ${run.status}):\n${run.stderr.slice(-4000)}`);
  const files = readdirSync(out);
  const json = files.find((f) => f.endsWith('.json'));
  const md = files.find((f) => f.endsWith('.md'));
  if (!json || !md) throw new Error(`bench:smoke wrote ${files.join(', ') || 'nothing'}`);
  return {
    results: JSON.parse(readFileSync(path.join(out, json), 'utf8')) as BenchResults,
    markdown: readFileSync(path.join(out, md), 'utf8'),
    stderr: run.stderr,
  };
}

describe('the benchmark smoke run', () => {
  it('measures every operation on every target that can express it and writes the results', { timeout: 300_000 }, () => {
    const { results, markdown } = runSmoke();
    expect(results.failures).toEqual({});
    const reported = [...results.operations.map((op) => op.name), ...results.unavailable].sort();
    expect(reported).toEqual(OPERATIONS.map((op) => op.name).sort());
    for (const op of results.operations) {
      const spec = OPERATIONS.find((o) => o.name === op.name)!;
      const best = !!BEST[op.name];
      for (const target of ['ours', 'limit', ...(spec.peer ? ['peer' as const] : []), ...(best ? ['best' as const] : [])] as const) {
        const r = op.targets[target];
        expect(r, `${op.name} on ${target}`).toMatchObject({ failed: 0 });
        expect('requestsPerSecond' in r && r.requestsPerSecond > 0 && r.total > 0, `${op.name} on ${target} has throughput`).toBe(true);
        expect('p99' in r && Number.isFinite(r.p50) && Number.isFinite(r.p99), `${op.name} on ${target} has latencies`).toBe(true);
      }
      if (!spec.peer) expect(op.targets.peer).toHaveProperty('na');
      expect(op.oursToLimit).toBeGreaterThan(0);
      if (spec.peer) expect(op.oursToPeer).toBeGreaterThan(0);
      expect(op.dbHits?.limit?.dbHits, `${op.name}: db hits of our Cypher`).toBeGreaterThanOrEqual(0);
      if (best) {
        expect(op.answerCheck, `${op.name}: the best statement answers as ours does`).toMatchObject({ mismatches: 0 });
        expect(op.answerCheck!.checked).toBeGreaterThan(0);
        expect(op.oursToBest).toBeGreaterThan(0);
        expect(op.dbHits?.best?.dbHits, `${op.name}: db hits of the best statement`).toBeGreaterThanOrEqual(0);
      } else expect(op.targets.best).toHaveProperty('na');
    }
    expect(results.graph.entities).toBeGreaterThan(0);
    expect(results.graph.relationships).toBeGreaterThan(0);
    expect(results.startup.oursMs.length).toBeGreaterThan(0);
    expect(markdown).toContain('| operation | ours |');
    expect(markdown).toContain('ours/best');
    expect(markdown).toContain(results.command);
  });
});
