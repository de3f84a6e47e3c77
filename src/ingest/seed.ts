import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { projectRoot } from '../project-root.js';
import { upsertEntities, upsertRelationships } from '../store/write-store.js';
import { validateGraph, type GraphFile } from '../graph/validation.js';

/** Reads and merges every `data/*.json` file; throws listing every problem found. */
export function readSeedGraph(dir = path.join(projectRoot(), 'data')): GraphFile {
  const merged = { entities: [] as unknown[], relationships: [] as unknown[] };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const content = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as typeof merged;
    merged.entities.push(...(content.entities ?? []));
    merged.relationships.push(...(content.relationships ?? []));
  }
  const { graph, issues } = validateGraph(merged);
  if (issues.length) {
    const list = issues.slice(0, 20).map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new Error(`The seed graph in ${dir} has ${issues.length} problem(s):\n${list}`);
  }
  return graph;
}

/** Loads the seed graph in one write transaction (idempotent: entities and relationships are merged). */
export async function loadSeed(db: Database, graph: GraphFile = readSeedGraph()): Promise<{ entities: number; relationships: number }> {
  await db.write(async (tx) => {
    await upsertEntities(tx, graph.entities);
    await upsertRelationships(tx, graph.relationships);
  }, { timeoutMs: 120_000 });
  return { entities: graph.entities.length, relationships: graph.relationships.length };
}
