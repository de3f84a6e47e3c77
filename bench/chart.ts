import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { projectRoot } from '../src/project-root.js';
import type { BenchResults } from './report.js';

/**
 * `npx tsx bench/chart.ts`: how each operation's p99 and throughput grow with the graph, per target, from the
 * newest `bench/results/<date>-<size>.json` of each size and the newest `<date>-default.json` (the real default
 * graph, a fourth position after 10^4, 10^5, 10^6), or the files given, drawn by Vega-Lite as SVG into docs/
 * (bench-scaling-p99.svg, bench-scaling-throughput.svg), for docs/benchmarks.md.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
const resultsDir = path.join(projectRoot(), 'bench', 'results');
const outDir = values.out ?? path.join(projectRoot(), 'docs');

/** The newest full-run result file of each graph size, and of the default graph. */
function newestPerSize(): string[] {
  const bySize = new Map<string, string>();
  for (const file of readdirSync(resultsDir).sort()) {
    const match = /^\d{4}-\d{2}-\d{2}-(\d+|default)\.json$/.exec(file);
    if (match) bySize.set(match[1]!, path.join(resultsDir, file));
  }
  return [...bySize.values()];
}

/** Operations renamed since older result files: their data is read under the new name. */
const RENAMED: Record<string, string> = { neighborhood: 'neighborhood2' };

interface Point {
  readonly operation: string;
  readonly target: string;
  /** The x position: 10^4, 10^5, 10^6, or the default graph with its entity count. */
  readonly graph: string;
  /** Sort order of the x positions. */
  readonly order: number;
  readonly p99: number;
  readonly requestsPerSecond: number;
}

function pointsOf(file: string): Point[] {
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const real = results.options.graph === 'default';
  const graph = real ? `default (${(results.graph.entities / 1000).toFixed(0)}k)` : `10^${Math.round(Math.log10(results.options.size))}`;
  const order = real ? 99 : Math.log10(results.options.size);
  return results.operations.flatMap((op) =>
    Object.entries(op.targets).flatMap(([target, r]) =>
      'requestsPerSecond' in r ? [{ operation: RENAMED[op.name] ?? op.name, target, graph, order, p99: r.p99, requestsPerSecond: r.requestsPerSecond }] : [],
    ),
  );
}

const chart = (points: Point[], field: 'p99' | 'requestsPerSecond', title: string): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title,
  data: { values: points },
  facet: { field: 'operation', type: 'nominal', title: null },
  columns: 4,
  spec: {
    width: 170,
    height: 120,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'graph', type: 'ordinal', sort: { field: 'order', op: 'min' }, title: 'graph (entities)', axis: { labelAngle: 0 } },
      y: { field, type: 'quantitative', scale: { type: 'log' }, title: field === 'p99' ? 'p99 (ms)' : 'requests/s' },
      color: { field: 'target', type: 'nominal', scale: { domain: ['ours', 'peer', 'limit', 'best'] } },
    },
  },
});

async function render(spec: TopLevelSpec, file: string): Promise<void> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  writeFileSync(path.join(outDir, file), await view.toSVG());
  view.finalize();
  process.stderr.write(`chart: wrote ${path.join(outDir, file)}\n`);
}

const files = positionals.length ? positionals : newestPerSize();
const points = files.flatMap(pointsOf);
const sizes = [...new Set(points.map((p) => p.graph))].join(', ');
process.stderr.write(`chart: ${points.length} points from ${files.map((f) => path.basename(f)).join(', ')} (sizes ${sizes})\n`);
await render(chart(points, 'p99', 'p99 latency by graph (8 connections; lower is better)'), 'bench-scaling-p99.svg');
await render(chart(points, 'requestsPerSecond', 'Throughput by graph (8 connections; higher is better)'), 'bench-scaling-throughput.svg');
