import type { EntityRef, RelationshipData } from './model.js';

export interface GraphEdge {
  readonly key: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly confidence: string;
  /** Set on compute-access routes: the route's classification (RESTRICTED_OFFSHORE...). */
  readonly classification?: string;
}

/** An entity's neighbourhood as the server's `neighborhood` query returns it. */
export interface Neighbourhood {
  readonly center: EntityRef;
  readonly nodes: readonly EntityRef[];
  readonly edges: readonly RelationshipData[];
  readonly truncated: boolean;
}

/** What is drawn: the entities expanded so far and every relationship of theirs that held on the chosen date. */
export class GraphState {
  readonly nodes = new Map<string, EntityRef>();
  readonly edges = new Map<string, GraphEdge>();
  /** Expanded entities in the order they were opened; re-fetched when the date changes. */
  readonly expanded: string[] = [];

  /** Adds an expanded entity, its neighbours and the relationships among them. */
  add(n: Neighbourhood): void {
    this.nodes.set(n.center.id, n.center);
    if (!this.expanded.includes(n.center.id)) this.expanded.push(n.center.id);
    for (const node of n.nodes) if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    for (const e of n.edges) {
      const key = `${e.from}|${e.type}|${e.to}`;
      if (!this.edges.has(key)) this.edges.set(key, { key, type: e.type, from: e.from, to: e.to, confidence: e.confidence });
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
  }

  reset(): void {
    this.clearDrawing();
    this.expanded.length = 0;
  }

  /** The part to draw: edges of the shown types, their endpoints, and the expanded entities themselves. */
  visible(types: ReadonlySet<string>): { nodes: EntityRef[]; edges: GraphEdge[] } {
    const edges = [...this.edges.values()].filter((e) => types.has(e.type));
    const ids = new Set(this.expanded);
    for (const e of edges) ids.add(e.from).add(e.to);
    return { nodes: [...ids].map((id) => this.nodes.get(id)).filter((n): n is EntityRef => n !== undefined), edges };
  }
}

const RANK = ['UNRESTRICTED', 'RESTRICTED_DOMESTIC', 'RESTRICTED_OFFSHORE', 'RESTRICTED_REMOTE_ACCESS'];
const rank = (classification: string | undefined): number => (classification ? RANK.indexOf(classification) : -1);
