import type { TypedDocument } from '@compute-atlas/client';
import { relationshipSpec, type EntityKind } from '../../src/graph/ontology.js';
import { gql } from './api.js';
import * as ops from './generated/graphql.js';
import type { GraphEdge } from './graph-state.js';
import { toRef, type EntityRef } from './model.js';

/** How many members a cluster opens to, and how many more each "load more" adds: the server's page cap. */
export const MEMBERS_PAGE = 100;

type Page = ops.ExplorerMembersChipQuery;
type Variables = { filter: Record<string, unknown>; first: number; after: string | null };

/** One generated document per kind (ExplorerMembers<Kind>); every answer has the same shape (`page`). */
const DOCUMENTS = {
  Company: ops.ExplorerMembersCompanyDocument,
  Model: ops.ExplorerMembersModelDocument,
  Chip: ops.ExplorerMembersChipDocument,
  DataCenter: ops.ExplorerMembersDataCenterDocument,
  Observation: ops.ExplorerMembersObservationDocument,
  Regulation: ops.ExplorerMembersRegulationDocument,
  Country: ops.ExplorerMembersCountryDocument,
  Source: ops.ExplorerMembersSourceDocument,
} satisfies Record<EntityKind, unknown> as unknown as Record<EntityKind, TypedDocument<Page, Variables>>;

/** A cluster as its key names it: `center:TYPE:out|in:Kind`. */
export interface ClusterSpec {
  readonly center: string;
  readonly type: string;
  readonly out: boolean;
  readonly kind: EntityKind;
}

export function parseClusterKey(key: string): ClusterSpec | null {
  const parts = key.split(':');
  if (parts.length < 4) return null;
  const [type, dir, kind] = parts.slice(-3) as [string, string, EntityKind];
  return { center: parts.slice(0, -3).join(':'), type, out: dir === 'out', kind };
}

/** The members' side of the relationship: the field on the member kind that lists the centre. */
const memberField = (c: ClusterSpec): string | null => {
  const spec = relationshipSpec(c.type);
  return spec ? (c.out ? spec.inField : spec.outField) : null;
};

export interface MembersPage {
  readonly total: number;
  readonly nodes: EntityRef[];
  /** The members' relationships to the centre, one each (their confidence and dates are the panel's to show). */
  readonly edges: GraphEdge[];
}

const pages = new Map<string, Promise<Page['page']>>();

/**
 * The first `count` pages of a cluster's members (the entities of its kind with its relationship to the centre,
 * by name), read page by page through the list query's cursor, with the total. Null when the key names no
 * relationship of the ontology.
 */
export async function clusterMembers(key: string, asOf: string, count: number): Promise<MembersPage | null> {
  const c = parseClusterKey(key);
  const field = c && memberField(c);
  if (!c || !field) return null;
  const filter = { [field]: { in: [c.center], ...(asOf ? { asOf } : {}) } };
  const nodes: EntityRef[] = [];
  let total = 0;
  let after: string | null = null;
  for (let i = 0; i < count; i++) {
    const cacheKey = `${key}@${asOf}#${i}`;
    const cursor = after;
    if (!pages.has(cacheKey)) {
      const p = gql(DOCUMENTS[c.kind], { filter, first: MEMBERS_PAGE, after: cursor }).then((d) => d.page);
      p.catch(() => pages.delete(cacheKey));
      pages.set(cacheKey, p);
    }
    const page: Page['page'] = await pages.get(cacheKey)!;
    total = page.totalCount;
    nodes.push(...page.nodes.map(toRef));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  // Drawn without a confidence of their own: the list query says the relationship holds, not how sure it is.
  const edges = nodes.map((n) => {
    const [from, to] = c.out ? [c.center, n.id] : [n.id, c.center];
    return { key: `${from}|${c.type}|${to}`, type: c.type, from, to, confidence: '' };
  });
  return { total, nodes, edges };
}
