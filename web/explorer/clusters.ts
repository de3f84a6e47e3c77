import type { GraphEdge } from './graph-state.js';
import { kindLabel, typeLabel } from './kinds.js';
import type { EntityRef } from './model.js';

/** More than this many neighbours of one (relationship type, direction, kind) are drawn as one cluster node. */
export const CLUSTER_ABOVE = 8;

const PREFIX = 'cluster:';

/** The key of the group of `center`'s neighbours over `type` of `kind` on the `out` (center → them) side. */
export const clusterKey = (center: string, type: string, out: boolean, kind: string): string => `${center}:${type}:${out ? 'out' : 'in'}:${kind}`;

/** The cluster's key when the id is a cluster node's, otherwise null. */
export const clusterOf = (id: string): string | null => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : null);

/** The centre and relationship type a cluster key names. */
export function parseCluster(key: string): { center: string; type: string } | null {
  const parts = key.split(':');
  if (parts.length < 4) return null;
  return { center: parts.slice(0, -3).join(':'), type: parts.at(-3)! };
}

/**
 * A cluster node's diameter from its member count: the area grows with the count (as "size by" does), from 48 px
 * at 9 members to 110 px at 120 and more, so a bigger group reads bigger without covering the drawing.
 */
export const clusterSize = (members: number): number => Math.round(Math.min(110, 24 + 8 * Math.sqrt(members)));

/** A kind's plural in words: "chips", "data centers", "countries". */
export const plural = (kind: EntityRef['kind']): string => {
  const word = kindLabel(kind).toLowerCase();
  return word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`;
};

export interface Clustered {
  readonly nodes: EntityRef[];
  readonly edges: GraphEdge[];
  /** Per cluster node id: its members' ids. */
  readonly members: Map<string, string[]>;
}

/**
 * Replaces each big group of an expanded entity's neighbours (same relationship type, direction and kind) with
 * one node, "Nvidia designs 10 chips". A member's other relationships are drawn from the cluster node instead
 * (one line per other end and type), so nothing drawn loses an edge. A neighbour in two big groups goes in the
 * first. `centers` are the entities expanded whole (not those loaded in full by "load more", nor expanded by
 * type); `keep` the entities never grouped (expanded, selected); `open` the clusters opened; `cut` the centres
 * whose neighbourhood the server cut at its cap.
 */
export function cluster(
  nodes: readonly EntityRef[],
  edges: readonly GraphEdge[],
  centers: readonly string[],
  keep: ReadonlySet<string>,
  open: ReadonlySet<string>,
  cut: ReadonlySet<string> = new Set(),
): Clustered {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = new Map<string, { center: EntityRef; out: boolean; type: string; ids: Set<string>; low: boolean }>();
  for (const e of edges) {
    for (const [center, other, out] of [
      [e.from, e.to, true],
      [e.to, e.from, false],
    ] as const) {
      const node = byId.get(other);
      const c = byId.get(center);
      if (!node || !c || !centers.includes(center) || keep.has(other)) continue;
      const key = clusterKey(center, e.type, out, node.kind);
      if (open.has(key)) continue;
      const g = groups.get(key) ?? { center: c, out, type: e.type, ids: new Set<string>(), low: true };
      g.ids.add(other);
      g.low &&= e.confidence === 'LOW';
      groups.set(key, g);
    }
  }
  const into = new Map<string, string>();
  const members = new Map<string, string[]>();
  const extraNodes: EntityRef[] = [];
  const extraEdges: GraphEdge[] = [];
  for (const [key, g] of groups) {
    const ids = [...g.ids].filter((id) => !into.has(id));
    if (ids.length <= CLUSTER_ABOVE) continue;
    const kind = byId.get(ids[0]!)!.kind;
    const id = `${PREFIX}${key}`;
    // A neighbourhood cut at the server's cap may hold more: "at least" (the panel says how many of how many).
    const what = `${ids.length}${cut.has(g.center.id) ? '+' : ''} ${plural(kind)}`;
    const name = g.out ? `${g.center.name} ${typeLabel(g.type)} ${what}` : `${what} ${typeLabel(g.type)} ${g.center.name}`;
    for (const m of ids) into.set(m, id);
    members.set(id, ids);
    extraNodes.push({ id, kind, name });
    const [from, to] = g.out ? [g.center.id, id] : [id, g.center.id];
    extraEdges.push({ key: `${from}|${g.type}|${to}`, type: g.type, from, to, confidence: g.low ? 'LOW' : 'HIGH' });
  }
  if (!members.size) return { nodes: [...nodes], edges: [...edges], members };
  const kept = new Map(extraEdges.map((e) => [e.key, e]));
  for (const e of edges) {
    const from = into.get(e.from) ?? e.from;
    const to = into.get(e.to) ?? e.to;
    // Inside one cluster: not drawn. A member's edge to its centre has the same key as the cluster's own: one line.
    if (from === to) continue;
    const key = `${from}|${e.type}|${to}`;
    if (!kept.has(key)) kept.set(key, from === e.from && to === e.to ? e : { key, type: e.type, from, to, confidence: e.confidence });
  }
  return { nodes: [...nodes.filter((n) => !into.has(n.id)), ...extraNodes], edges: [...kept.values()], members };
}
