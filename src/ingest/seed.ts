import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Tx } from '../db/database.js';
import { projectRoot } from '../project-root.js';
import { applyChanges, changeOf, loadEntities, loadRelationships, type ChangeSet, type EntityChange } from '../store/change-writer.js';
import { recomputeDerivedRestrictions } from '../store/derived-restrictions.js';
import { entityRecordFrom, relationshipKey, relationshipRecordFrom, type RelationshipRecord } from '../store/graph-records.js';
import { mergeEntity, mergeRelationship } from '../store/merge.js';
import { validateGraph, type GraphFile } from '../graph/validation.js';
import { planRelationships } from './importers/resolve.js';

/** The actor the audit trail names for what the seed loader writes. */
export const SEED_ACTOR = 'seed';

/** Reads and merges every `data/*.json` file; throws listing every problem found. */
export function readSeedGraph(dir = path.join(projectRoot(), 'data')): GraphFile {
  const merged = { entities: [] as unknown[], relationships: [] as unknown[] };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const content = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as typeof merged;
    merged.entities.push(...(content.entities ?? []));
    merged.relationships.push(...(content.relationships ?? []));
  }
  const { graph, issues } = validateGraph(merged);
  if (issues.length) {
    const list = issues
      .slice(0, 20)
      .map((i) => `  ${i.path}: ${i.message}`)
      .join('\n');
    throw new Error(`The seed graph in ${dir} has ${issues.length} problem(s):\n${list}`);
  }
  return graph;
}

/** The seed's entities merged (assert) into the ones with their ids; a kind the database disagrees with throws. */
async function planEntities(tx: Tx, graph: GraphFile): Promise<EntityChange[]> {
  const existing = await loadEntities(
    tx,
    graph.entities.map((e) => e.id),
  );
  return graph.entities.flatMap((e) => {
    const before = existing.get(e.id) ?? null;
    if (before && before.kind !== e.kind) throw new Error(`The seed's ${e.kind} "${e.id}" is a ${before.kind} in the database; rename one of them.`);
    return changeOf(before, mergeEntity(before, entityRecordFrom(e), 'assert')) ?? [];
  });
}

/** The seed's relationships, one per key (a fact asserted twice merges), merged (assert) into the stored ones. */
async function planRelationshipChanges(tx: Tx, graph: GraphFile): Promise<ChangeSet['relationships']> {
  const byKey = new Map<string, RelationshipRecord>();
  for (const record of graph.relationships.map(relationshipRecordFrom)) {
    const key = relationshipKey(record.type, record.from, record.to);
    byKey.set(key, mergeRelationship(byKey.get(key) ?? null, record, 'assert'));
  }
  const records = [...byKey.values()];
  return planRelationships(
    records.map((record) => ({ record, at: 'data/' })),
    await loadRelationships(tx, records),
    'assert',
  ).changes;
}

/**
 * Merges the seed graph into the database in one write transaction, through the change writer like imports and
 * mutations: given fields replace, sources and aliases accumulate, and every change is audited as SEED_ACTOR.
 * Idempotent: a second load finds every record unchanged and writes (and records) nothing. The seed's chips then
 * get their derived restrictions (actor `rules`, counted in `changes`).
 */
export async function loadSeed(db: Database, graph: GraphFile = readSeedGraph()): Promise<{ entities: number; relationships: number; changes: number }> {
  const changes = await db.write(
    async (tx) => {
      const set: ChangeSet = { entities: await planEntities(tx, graph), relationships: await planRelationshipChanges(tx, graph) };
      await applyChanges(tx, SEED_ACTOR, set);
      const chips = graph.entities.filter((e) => e.kind === 'Chip').map((e) => e.id);
      const derived = await recomputeDerivedRestrictions(tx, chips);
      return set.entities.length + set.relationships.length + derived;
    },
    { timeoutMs: 120_000 },
  );
  return { entities: graph.entities.length, relationships: graph.relationships.length, changes };
}
