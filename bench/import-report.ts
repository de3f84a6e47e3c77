import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One file imported by `npm run import` during `npm run bench:import`. */
export interface ImportRun {
  readonly rows: number;
  readonly fileMb: number;
  readonly exitCode: number | null;
  /** Wall time of the command, from spawn to exit (module loading and connecting included). */
  readonly seconds: number;
  /** Seconds since the command started at which each stage began, as it printed them: read, matching, comparing, finished. */
  readonly stages: Record<string, number>;
  readonly peakRssMb: number | null;
  /** The command's report (stdout). */
  readonly report: string;
}

export interface ImportBenchResults {
  readonly date: string;
  readonly command: string;
  readonly machine: Record<string, unknown> & { loadAvgAtStart: number[]; loadAvgAtEnd: number[] };
  readonly neo4j: { readonly heap: string; readonly peakRssMb: number | null };
  /** NODE_OPTIONS of the import command. */
  readonly nodeOptions: string;
  readonly runs: readonly ImportRun[];
}

const fmt = (n: number | undefined, digits = 1): string => (n === undefined ? 'n/a' : n.toFixed(digits));

/** Rows per second over the whole command, and seconds per stage: reading, matching, then comparing and writing. */
export function summarise(run: ImportRun): { rowsPerSecond: number; read?: number; match?: number; write?: number } {
  const s = run.stages;
  const diff = (a?: number, b?: number): number | undefined => (a === undefined || b === undefined ? undefined : a - b);
  return { rowsPerSecond: Math.round(run.rows / run.seconds), read: s.read, match: diff(s.comparing, s.matching), write: diff(s.finished, s.comparing) };
}

function markdown(r: ImportBenchResults): string {
  const rows = r.runs.map((run) => {
    const s = summarise(run);
    const outcome = run.exitCode === 0 ? 'imported' : `failed (exit ${run.exitCode})`;
    return `| ${run.rows.toLocaleString('en')} | ${run.fileMb} | ${outcome} | ${fmt(run.seconds)} | ${s.rowsPerSecond} | ${fmt(s.read)} | ${fmt(s.match)} | ${fmt(s.write)} | ${run.peakRssMb ?? 'n/a'} |`;
  });
  return [
    `# Import benchmark, ${r.date.slice(0, 10)}`,
    '',
    `Command: \`${r.command}\``,
    '',
    `Machine: ${String(r.machine.cpus)} × ${String(r.machine.cpuModel)}, ${String(r.machine.totalMemGb)} GB RAM, Node ${String(r.machine.node)}.`,
    `Load average at start ${r.machine.loadAvgAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${r.machine.loadAvgAtEnd.map((l) => l.toFixed(1)).join(' ')}`,
    '(the machine is shared with other work: absolute numbers are noisy).',
    '',
    `Neo4j: a dedicated local instance (heap ${r.neo4j.heap}, server compiler and G1), seed graph loaded, files imported one after the`,
    `other into it; peak RSS of the JVM ${r.neo4j.peakRssMb === null ? 'n/a' : Math.round(r.neo4j.peakRssMb)} MB.`,
    '',
    'Each file: graph CSV from bench/generate-import.ts (3 entities and 7 relationships per 10 rows), imported by',
    `\`npm run import\` in one process (\`node --import tsx src/cli/import.ts <file>\`, NODE_OPTIONS=${r.nodeOptions}); above 10,000 changes staged`,
    'in transactions of 2,000 changes and published in one (docs/import-export.md). Seconds: read = start to parsed (module',
    'loading included), match = validating and matching, write = comparing with the graph, staging the batches with the',
    'audit records, and publishing. Peak RSS of the import command.',
    '',
    '| rows | MB | outcome | seconds | rows/s | read s | match s | write s | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...r.runs.flatMap((run) => [`Report for ${run.rows.toLocaleString('en')} rows:`, '', '```', run.report, '```', '']),
  ].join('\n');
}

/** Writes <date>-import.json and .md into `dir`. */
export function writeImportResults(dir: string, results: ImportBenchResults): void {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${results.date.slice(0, 10)}-import`);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(results));
}
