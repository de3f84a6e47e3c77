import type { Database } from '../db/database.js';
import { COMMON_RELATIONSHIP_PROPERTIES, ENTITY_KINDS, KIND_PROPERTIES, propertiesOf, RELATIONSHIP_TYPES, type PropertySpec } from '../graph/ontology.js';
import { parseProvenance, VALUE_PROVENANCE } from '../graph/value-provenance.js';
import { loadEntities } from '../store/change-writer.js';
import { relationshipRecordOf, type EntityRecord, type RelationshipRecord } from '../store/graph-records.js';

/** Neighbourhoods deeper than this are refused: at 6 hops the graph is usually all there. */
export const MAX_EXPORT_DEPTH = 6;

export interface ExportOptions {
  /** Export only the entities within `depth` hops of this one (plus the sources they cite). */
  readonly rootId?: string | null;
  readonly depth?: number;
}

/** The graph JSON format: what `data/` uses and the importer reads. */
export interface GraphJson {
  readonly entities: Record<string, unknown>[];
  readonly relationships: Record<string, unknown>[];
}

const ALL_IDS = 'MATCH (n:Entity) RETURN n.id AS id';
const NEIGHBOURHOOD_IDS = (depth: number): string => `
  MATCH (root:Entity {id: $rootId})
  OPTIONAL MATCH p = (root)-[*1..${depth}]-(n:Entity)
  WHERE all(m IN nodes(p) WHERE m:Entity)
  WITH root, collect(DISTINCT n.id) AS ids
  RETURN [root.id] + ids AS ids`;
const CITED_SOURCES = `
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  UNWIND coalesce(n.sourceIds, []) AS s
  RETURN collect(DISTINCT s) AS sources`;
const RELATIONSHIPS_AMONG = `
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE a.id IN $ids AND b.id IN $ids
  RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS p`;

/** Only the fields the format knows, so an export always passes the importer's strict validation. */
function entityJson(e: EntityRecord): Record<string, unknown> {
  const allowed = new Set(['id', 'kind', 'sources', ...propertiesOf(e.kind).map((p) => p.name)]);
  const json = Object.fromEntries(Object.entries(e).filter(([k]) => allowed.has(k)));
  // The file carries each value's provenance as a map, which the importer stores as the node's JSON string again.
  const provenance = parseProvenance(e[VALUE_PROVENANCE]);
  return Object.keys(provenance).length ? { ...json, [VALUE_PROVENANCE]: provenance } : json;
}

function relationshipJson(r: RelationshipRecord): Record<string, unknown> {
  const { type, from, to, sources, validFrom, validTo, confidence, notes, ...rest } = r;
  const specific = new Set(RELATIONSHIP_TYPES.find((t) => t.type === type)?.properties.map((p) => p.name));
  const properties = Object.fromEntries(Object.entries(rest).filter(([k]) => specific.has(k)));
  const base = { type, from, to, sources, validFrom: validFrom ?? null, validTo: validTo ?? null, confidence: confidence ?? 'high', notes: notes ?? null };
  return Object.keys(properties).length ? { ...base, properties } : base;
}

async function exportIds(db: Database, options: ExportOptions): Promise<string[]> {
  if (!options.rootId) return (await db.read((tx) => tx.run(ALL_IDS))).map((r) => r.id as string);
  const depth = options.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EXPORT_DEPTH) throw new RangeError(`depth must be a whole number from 1 to ${MAX_EXPORT_DEPTH}`);
  const [row] = await db.read((tx) => tx.run(NEIGHBOURHOOD_IDS(depth), { rootId: options.rootId }));
  return (row?.ids as string[] | undefined) ?? [];
}

/**
 * The whole graph, or the neighbourhood of one entity, in the graph JSON format (sorted, so exports diff
 * cleanly). A neighbourhood also carries the Source entities it cites, so it imports into another database.
 */
export async function exportGraph(db: Database, options: ExportOptions = {}): Promise<GraphJson> {
  const ids = await exportIds(db, options);
  return db.read(async (tx) => {
    const [cited] = options.rootId ? await tx.run(CITED_SOURCES, { ids }) : [];
    const all = [...new Set([...ids, ...((cited?.sources as string[] | undefined) ?? [])])];
    const entities = [...(await loadEntities(tx, all)).values()];
    const rels = (await tx.run(RELATIONSHIPS_AMONG, { ids })).map((r) =>
      relationshipRecordOf(r.type as string, r.from as string, r.to as string, r.p as Record<string, unknown>),
    );
    const kindOrder = (e: EntityRecord): number => ENTITY_KINDS.indexOf(e.kind);
    entities.sort((a, b) => kindOrder(a) - kindOrder(b) || a.id.localeCompare(b.id));
    rels.sort((a, b) => a.type.localeCompare(b.type) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
    return { entities: entities.map(entityJson), relationships: rels.map(relationshipJson) };
  });
}

const xml = (value: unknown): string =>
  String(value).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const GRAPHML_TYPE = { string: 'string', date: 'string', int: 'long', float: 'double', boolean: 'boolean' } as const;

interface Key {
  readonly id: string;
  readonly type: string;
}

const keysOf = (specs: readonly PropertySpec[]): Key[] => [
  ...new Map(specs.map((p) => [p.name, { id: p.name, type: p.list ? 'string' : GRAPHML_TYPE[p.type] }])).values(),
];

const NODE_KEYS: Key[] = [
  { id: 'kind', type: 'string' },
  { id: 'sources', type: 'string' },
  ...keysOf(ENTITY_KINDS.flatMap((k) => [...propertiesOf(k), ...KIND_PROPERTIES[k]])),
];
const EDGE_KEYS: Key[] = [{ id: 'type', type: 'string' }, ...keysOf([...COMMON_RELATIONSHIP_PROPERTIES, ...RELATIONSHIP_TYPES.flatMap((r) => r.properties)])];

const data = (keys: readonly Key[], prefix: string, values: Record<string, unknown>): string =>
  keys
    .filter((k) => values[k.id] !== null && values[k.id] !== undefined && !(Array.isArray(values[k.id]) && (values[k.id] as unknown[]).length === 0))
    .map((k) => `<data key="${prefix}_${k.id}">${xml(Array.isArray(values[k.id]) ? (values[k.id] as unknown[]).join('; ') : values[k.id])}</data>`)
    .join('');

/**
 * GraphML for Gephi and yEd: one node per entity (label = name, attributes = its fields), one directed edge
 * per relationship (label = type). Lists are joined with "; ".
 */
export function toGraphML(graph: GraphJson): string {
  const keyLines = [
    ...NODE_KEYS.map((k) => `  <key id="n_${k.id}" for="node" attr.name="${k.id === 'name' ? 'label' : k.id}" attr.type="${k.type}"/>`),
    ...EDGE_KEYS.map((k) => `  <key id="e_${k.id}" for="edge" attr.name="${k.id === 'type' ? 'label' : k.id}" attr.type="${k.type}"/>`),
  ];
  const nodes = graph.entities.map((e) => `    <node id="${xml(e.id)}">${data(NODE_KEYS, 'n', e)}</node>`);
  const edges = graph.relationships.map((r, i) => {
    const values = { ...r, ...((r.properties as Record<string, unknown> | undefined) ?? {}) };
    return `    <edge id="e${i}" source="${xml(r.from)}" target="${xml(r.to)}">${data(EDGE_KEYS, 'e', values)}</edge>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keyLines,
    '  <graph id="compute-atlas" edgedefault="directed">',
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
