import { isEntityKind, relationshipSpec, type EntityKind } from '../../src/graph/ontology.js';
import { afterEach } from 'vitest';
import type { TestServer } from './harness.js';

export interface Rel {
  type: string;
  from: string;
  to: string;
  validFrom?: string;
  validTo?: string;
  confidence?: string;
}

/** A synthetic graph: one test's entities under one id prefix, removed with exactly their relationships. */
export interface SyntheticGraph {
  /** The stored id of a node name; `@id` names a seed entity. */
  id(name: string): string;
  remove(): Promise<void>;
}

let counter = 0;
const RUN = `t-an-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * Creates a small graph the way the write store stores it (:Entity:<Kind> with id, kind, name, sourceIds; each
 * relationship with sourceIds, confidence and validity), plus one Source every fact cites.
 */
export async function syntheticGraph(server: TestServer, nodes: [string, EntityKind][], rels: Rel[]): Promise<SyntheticGraph> {
  const prefix = `${RUN}-${++counter}-`;
  const id = (name: string): string => (name.startsWith('@') ? name.slice(1) : `${prefix}${name}`);
  await server.db.write(async (tx) => {
    await tx.run('CREATE (:Entity:Source {id: $id, kind: "Source", name: $id, nameKey: $id, title: "Test source", sourceIds: [], aliases: []})', {
      id: id('src'),
    });
    for (const [name, kind] of nodes) {
      if (!isEntityKind(kind)) throw new Error(`not a kind: ${kind}`);
      await tx.run(`CREATE (:Entity:${kind} {id: $id, kind: $kind, name: $name, nameKey: toLower($name), sourceIds: [$src], aliases: []})`, {
        id: id(name),
        kind,
        name,
        src: id('src'),
      });
    }
    for (const r of rels) {
      const spec = relationshipSpec(r.type);
      if (!spec) throw new Error(`not a relationship type: ${r.type}`);
      const [row] = await tx.run(
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         CREATE (a)-[r:${spec.type} {sourceIds: [$src], confidence: $confidence}]->(b)
         SET r.validFrom = CASE WHEN $validFrom IS NULL THEN null ELSE date($validFrom) END,
             r.validTo = CASE WHEN $validTo IS NULL THEN null ELSE date($validTo) END
         RETURN count(r) AS made`,
        { from: id(r.from), to: id(r.to), src: id('src'), confidence: r.confidence ?? 'high', validFrom: r.validFrom ?? null, validTo: r.validTo ?? null },
      );
      if (row?.made !== 1) throw new Error(`could not create ${r.type} ${r.from} -> ${r.to}`);
    }
  });
  return {
    id,
    remove: async () => {
      await server.db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix }));
    },
  };
}

/**
 * A builder for one synthetic graph per test, removed after each test (an afterEach it registers). Returns the
 * stored-id mapper of the graph it built.
 */
export function graphPerTest(server: () => TestServer): (nodes: [string, EntityKind][], rels: Rel[]) => Promise<(name: string) => string> {
  let made: SyntheticGraph | null = null;
  afterEach(async () => {
    await made?.remove();
    made = null;
  });
  return async (nodes, rels) => {
    made = await syntheticGraph(server(), nodes, rels);
    return made.id;
  };
}
