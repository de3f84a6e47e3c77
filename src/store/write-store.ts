import type { Tx } from '../db/database.js';
import { dbDate } from '../db/mapping.js';
import { propertiesOf, relationshipSpec, ENTITY_KINDS, type EntityKind } from '../graph/ontology.js';
import type { GraphEntity, GraphRelationship } from '../graph/validation.js';
import { num } from './rows.js';

/** Converts date-typed properties to Neo4j dates; everything else passes as is. */
function dbProps(values: Record<string, unknown>, dateFields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    out[k] = v != null && dateFields.has(k) ? dbDate(String(v)) : v ?? null;
  }
  return out;
}

const dateFieldsOf = (kind: EntityKind): Set<string> =>
  new Set(propertiesOf(kind).filter((p) => p.type === 'date').map((p) => p.name));

const UPSERT_ENTITIES = (kind: EntityKind): string => `
  UNWIND $rows AS row
  MERGE (n:Entity {id: row.id})
  ON CREATE SET n.createdAt = datetime()
  SET n:${kind}, n += row.props, n.updatedAt = datetime()
  SET n.nameKey = toLower(n.name)
  RETURN count(n) AS written`;

/** Creates or updates entities (by id), one statement per kind. */
export async function upsertEntities(tx: Tx, entities: readonly GraphEntity[]): Promise<void> {
  for (const kind of ENTITY_KINDS) {
    const rows = entities
      .filter((e) => e.kind === kind)
      .map((e) => {
        const { id, sources, ...rest } = e;
        const props = dbProps(rest, dateFieldsOf(kind));
        props.aliases = e.aliases ?? [];
        props.aliasText = (e.aliases ?? []).join(' ');
        props.sourceIds = sources ?? [];
        return { id, props };
      });
    if (rows.length) await tx.run(UPSERT_ENTITIES(kind), { rows });
  }
}

const REL_DATES = new Set(['validFrom', 'validTo']);

const UPSERT_RELATIONSHIPS = (type: string, symmetric: boolean): string => `
  UNWIND $rows AS row
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:${type}]-${symmetric ? '' : '>'}(b)
  SET r += row.props,
      r.sourceIds = reduce(s = coalesce(r.sourceIds, []), x IN row.sourceIds | CASE WHEN x IN s THEN s ELSE s + x END)
  RETURN count(r) AS written`;

/**
 * Creates or updates relationships: one per (from, type, to). Asserting a fact again merges its sources,
 * so a relationship cites every source that asserted it.
 */
export async function upsertRelationships(tx: Tx, relationships: readonly GraphRelationship[]): Promise<number> {
  const byType = new Map<string, GraphRelationship[]>();
  for (const r of relationships) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  let written = 0;
  for (const [type, rels] of byType) {
    const spec = relationshipSpec(type);
    if (!spec) throw new Error(`Unknown relationship type ${type}`);
    const rows = rels.map((r) => ({
      from: r.from,
      to: r.to,
      sourceIds: r.sources,
      props: dbProps(
        { validFrom: r.validFrom ?? null, validTo: r.validTo ?? null, confidence: r.confidence ?? 'high', notes: r.notes ?? null, ...(r.properties ?? {}) },
        REL_DATES,
      ),
    }));
    const [row] = await tx.run(UPSERT_RELATIONSHIPS(type, spec.symmetric ?? false), { rows });
    written += row ? num(row.written, 'written') : 0;
  }
  return written;
}
