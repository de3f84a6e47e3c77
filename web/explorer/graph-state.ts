import type { EntityKind } from '../../src/graph/ontology.js';
import type { EntityRef, RelationshipData } from './model.js';

export interface GraphEdge {
  readonly key: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly confidence: string;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  /** EQUIPPED_WITH: how many chips (for "size by chip count"). */
  readonly chipCount?: number | null;
  /** Set on compute-access routes: the route's classification (RESTRICTED_OFFSHORE...). */
  readonly classification?: string;
  /** Extra drawing classes: added / removed (compare mode), path. */
  readonly mark?: string;
}

/** An entity's neighbourhood as the server's `neighborhood` query returns it. */
export interface Neighbourhood {
  readonly center: EntityRef;
  readonly nodes: readonly EntityRef[];
  readonly edges: readonly RelationshipData[];
  readonly truncated: boolean;
}

export const edgeKey = (e: { from: string; type: string; to: string }): string => `${e.from}|${e.type}|${e.to}`;

/** What is drawn: the entities expanded so far and every relationship of theirs that held on the chosen date. */
export class GraphState {
  readonly nodes = new Map<string, EntityRef>();
  readonly edges = new Map<string, GraphEdge>();
  /** Expanded entities in the order they were opened; re-fetched when the date changes. */
  readonly expanded: string[] = [];
  /** Expanded entities whose neighbourhood was cut at its limit. */
  readonly truncated = new Set<string>();
  /** Node marks (added / removed in compare mode), by id. */
  readonly marks = new Map<string, string>();

  /** Adds an expanded entity, its neighbours and the relationships among them. */
  add(n: Neighbourhood, mark?: string): void {
    this.nodes.set(n.center.id, n.center);
    if (!this.expanded.includes(n.center.id)) this.expanded.push(n.center.id);
    if (n.truncated) this.truncated.add(n.center.id);
    for (const node of n.nodes) if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    for (const e of n.edges) {
      const key = edgeKey(e);
      if (!this.edges.has(key)) {
        const { type, from, to, confidence, validFrom, validTo } = e;
        const chipCount = typeof e.chipCount === 'number' ? e.chipCount : null;
        this.edges.set(key, { key, type, from, to, confidence, validFrom, validTo, chipCount, ...(mark ? { mark } : {}) });
      }
    }
  }

  /**
   * Adds an edge (and its endpoints) of a compute-access route. An edge on several routes keeps the most
   * restricted classification, so an offshore route stays highlighted where it shares a hop with others.
   */
  addRouteEdge(edge: GraphEdge, ends: readonly EntityRef[]): void {
    for (const n of ends) if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    const existing = this.edges.get(edge.key);
    if (existing && rank(existing.classification) >= rank(edge.classification)) return;
    this.edges.set(edge.key, edge);
  }

  /** Forgets nodes and edges but keeps the list of expanded entities (to redraw them for another date). */
  clearDrawing(): void {
    this.nodes.clear();
    this.edges.clear();
    this.truncated.clear();
    this.marks.clear();
  }

  reset(): void {
    this.clearDrawing();
    this.expanded.length = 0;
  }

  /** The part to draw: edges of the shown types between shown entities, their endpoints, and the expanded entities. */
  visible(
    types: ReadonlySet<string>,
    hiddenKinds: ReadonlySet<EntityKind> = new Set(),
    hidden: ReadonlySet<string> = new Set(),
    hideLow = false,
  ): { nodes: EntityRef[]; edges: GraphEdge[] } {
    const shown = (id: string): boolean => {
      const n = this.nodes.get(id);
      return n !== undefined && !hidden.has(id) && !hiddenKinds.has(n.kind);
    };
    const edges = [...this.edges.values()].filter((e) => types.has(e.type) && !(hideLow && e.confidence === 'LOW') && shown(e.from) && shown(e.to));
    const ids = new Set(this.expanded.filter(shown));
    for (const e of edges) ids.add(e.from).add(e.to);
    return { nodes: [...ids].map((id) => this.nodes.get(id)!), edges };
  }
}

const RANK = ['UNRESTRICTED', 'RESTRICTED_DOMESTIC', 'RESTRICTED_OFFSHORE', 'RESTRICTED_REMOTE_ACCESS'];
const rank = (classification: string | undefined): number => (classification ? RANK.indexOf(classification) : -1);
