import type { Database, Row } from '../../db/database.js';
import { dbDate, dbInt } from '../../db/mapping.js';
import type { EntityModel } from '../../graph/models.js';
import { toEntity } from '../cypher.js';
import { text, oneOf } from '../rows.js';
import { pick, relRow, sourceIdsOf, sourcesByIds, toEdge, toRelRow, type RelRow } from './common.js';
import { TIMELINE_EVENT_KINDS, type AnalysisLimits, type TimelineEventKind, type TimelineEventModel, type TimelineModel } from './models.js';

/**
 * The dated events of an entity in one statement: its own dates (published, effective, rescinded, released,
 * operational) and the start and end of each of its relationships, between $from and $to (inclusive), oldest first.
 */
export const TIMELINE = `
  MATCH (e:Entity {id: $id})
  CALL (e) {
    UNWIND [['PUBLISHED', e.publishedDate], ['TOOK_EFFECT', e.effectiveDate], ['RESCINDED', e.rescindedDate],
            ['RELEASED', e.releaseDate], ['BECAME_OPERATIONAL', e.operationalDate]] AS own
    WITH own WHERE own[1] IS NOT NULL
    RETURN own[0] AS kind, own[1] AS date, null AS rel, null AS other
    UNION ALL
    MATCH (e)-[r]-(other:Entity)
    UNWIND [['RELATIONSHIP_STARTED', r.validFrom], ['RELATIONSHIP_ENDED', r.validTo]] AS bound
    WITH bound, r, other WHERE bound[1] IS NOT NULL
    RETURN bound[0] AS kind, bound[1] AS date, ${relRow('r')} AS rel, other
  }
  WITH e, kind, date, rel, other
  WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to)
  ORDER BY date, CASE WHEN rel IS NULL THEN 0 ELSE 1 END, kind, other.name, rel.type
  LIMIT $limit
  RETURN e, kind, date, rel, other`;

export const ENTITY = `MATCH (e:Entity {id: $id}) RETURN e`;

const OWN_EVENT: Record<string, string> = {
  PUBLISHED: 'published',
  TOOK_EFFECT: 'takes effect',
  RESCINDED: 'is rescinded',
  RELEASED: 'is released',
  BECAME_OPERATIONAL: 'starts operating',
};

/** Verbs for relationship types whose name does not read as one. */
const VERBS: Record<string, string> = {
  TRAINED_ON: 'was trained on',
  TRAINED_AT: 'was trained at',
  FINE_TUNED_FROM: 'was fine-tuned from',
  EQUIPPED_WITH: 'is equipped with',
  LOCATED_IN: 'is located in',
  HEADQUARTERED_IN: 'is headquartered in',
  SUBSIDIARY_OF: 'is a subsidiary of',
  ISSUED_BY: 'is issued by',
};

/** A one-line description: "NVIDIA HGX H20 is released", "Starts: <rule> restricts NVIDIA HGX H20". */
function describe(entity: EntityModel, kind: TimelineEventKind, rel: RelRow | null, other: EntityModel | null): string {
  if (!rel || !other) return `${entity.name} ${OWN_EVENT[kind] ?? kind.toLowerCase()}`;
  const [from, to] = rel.from === entity.id ? [entity, other] : [other, entity];
  const verb = VERBS[rel.type] ?? rel.type.toLowerCase().replaceAll('_', ' ');
  return `${kind === 'RELATIONSHIP_STARTED' ? 'Starts' : 'Ends'}: ${from.name} ${verb} ${to.name}`;
}

function toEvent(entity: EntityModel, row: Row, sources: Map<string, EntityModel>): TimelineEventModel {
  const kind = oneOf(TIMELINE_EVENT_KINDS, row.kind, 'kind');
  const rel = row.rel == null ? null : toRelRow(row.rel);
  const other = row.other ? toEntity(row.other) : null;
  const sourceIds = rel ? sourceIdsOf(rel) : entity.sourceIds;
  return {
    date: text(row.date, 'date'),
    kind,
    description: describe(entity, kind, rel, other),
    relationship: rel ? toEdge(rel, entity.id) : null,
    other,
    sources: pick(sources, sourceIds),
  };
}

/** The dated events around an entity, oldest first; null when no entity has the id. */
export async function timeline(db: Database, id: string, from: string | null, to: string | null, limits: AnalysisLimits): Promise<TimelineModel | null> {
  return db.read(
    async (tx) => {
      const [head] = await tx.run(ENTITY, { id });
      if (!head) return null;
      const entity = toEntity(head.e);
      const params = { id, from: from ? dbDate(from) : null, to: to ? dbDate(to) : null, limit: dbInt(limits.maxResults + 1) };
      const rows = await tx.run(TIMELINE, params);
      const kept = rows.slice(0, limits.maxResults);
      const ids = kept.flatMap((r) => (r.rel == null ? entity.sourceIds : sourceIdsOf(toRelRow(r.rel))));
      const sources = await sourcesByIds(tx, ids);
      return { entity, events: kept.map((r) => toEvent(entity, r, sources)), truncated: rows.length > limits.maxResults };
    },
    { timeoutMs: limits.timeoutMs },
  );
}
