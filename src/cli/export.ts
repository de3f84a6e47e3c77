import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { exportGraph, MAX_EXPORT_DEPTH, toGraphML } from '../ingest/export.js';
import { createLogger } from '../logger.js';

const USAGE = `Usage: npm run export -- [--format json|graphml] [--id <entity id> [--depth 1..${MAX_EXPORT_DEPTH}]] [--out <file>]
Exports the whole graph, or the neighbourhood of one entity, as graph JSON (re-importable) or GraphML (Gephi, yEd).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string', default: 'json' },
      id: { type: 'string' },
      depth: { type: 'string', default: '1' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const format = values.format!.toLowerCase();
  const depth = Number(values.depth);
  if (values.help || !['json', 'graphml'].includes(format)) throw new Error(USAGE);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EXPORT_DEPTH)
    throw new Error(`--depth must be a whole number from 1 to ${MAX_EXPORT_DEPTH}.\n${USAGE}`);
  const config = loadConfig();
  const connection = await connect(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  try {
    const graph = await exportGraph(connection.db, { rootId: values.id ?? null, depth });
    if (values.id && graph.entities.length === 0) throw new Error(`No entity has the id "${values.id}".`);
    const text = format === 'json' ? `${JSON.stringify(graph, null, 2)}\n` : toGraphML(graph);
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    process.stderr.write(
      `exported ${graph.entities.length} entities and ${graph.relationships.length} relationships${values.out ? ` to ${values.out}` : ''}\n`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`export failed: ${(error as Error).message}\n`);
  process.exit(1);
});
