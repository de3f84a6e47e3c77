import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { FieldsByTypeName } from 'graphql-parse-resolve-info';
import type { GraphContext } from '../context.js';
import { connectionRelations } from '../graph/aggregation.js';
import type { RelationPageModel } from '../graph/connection-models.js';
import type { EntityModel } from '../graph/models.js';
import { ENTITY_KINDS, isEntityKind, type EntityKind } from '../graph/ontology.js';
import type { Loaders } from './loaders.js';
import type { EntityFilter } from '../store/filters.js';
import type { GroupHop } from '../store/group-keys.js';
import type { RelationPageArgs, RelationshipFilter } from '../store/relation-page-query.js';
import { relationPages, type PageSelection, type PrefetchedPage } from '../store/relation-page-store.js';
import { pageSize } from './limits.js';
import { orderOf, type OrderInput } from './order.js';
import { selectsField } from './selection.js';

interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  filter?: { node?: EntityFilter | null; relationship?: RelationshipFilter | null } | null;
  orderBy?: OrderInput;
  asOf?: string | null;
}

/**
 * The request's page loaders, one per (kind, field, arguments): every parent asking the same page of the same
 * field at one level is read in one statement. Kept beside the request's Loaders (same lifetime) so the shared
 * loader registry needs no entry per feature.
 */
const pageLoaders = new WeakMap<Loaders, Map<string, DataLoader<string, RelationPageModel>>>();

/** The store's page arguments of one `...Connection` field; throws on a bad `first` or `orderBy`. */
function pageArgsOf(ctx: GraphContext, hop: GroupHop, args: ConnectionArgs, withTotal: boolean): RelationPageArgs {
  return {
    node: args.filter?.node,
    relationship: args.filter?.relationship,
    ...orderOf(hop.neighbour, args.orderBy),
    first: pageSize(args.first, ctx.config.MAX_PAGE_SIZE),
    after: args.after,
    asOf: args.asOf,
    withTotal,
  };
}

function loaderFor(ctx: GraphContext, kind: EntityKind, hop: GroupHop, pageArgs: RelationPageArgs): DataLoader<string, RelationPageModel> {
  const key = JSON.stringify([kind, hop.field, pageArgs]);
  let byKey = pageLoaders.get(ctx.loaders);
  if (!byKey) pageLoaders.set(ctx.loaders, (byKey = new Map()));
  let loader = byKey.get(key);
  if (!loader) byKey.set(key, (loader = new DataLoader((ids) => relationPages(ctx.db, kind, hop, ids, pageArgs))));
  return loader;
}

const HOPS = new Map(ENTITY_KINDS.map((kind) => [kind, new Map(connectionRelations(kind).map((hop) => [`${hop.field}Connection`, hop]))]));

/**
 * The `...Connection` fields selected directly on a root field's entities, as pages its statement reads ahead.
 * A field whose arguments are wrong is left to its resolver, which reports the error at that field.
 */
export function pageSelectionsOf(ctx: GraphContext, entitySelections: readonly FieldsByTypeName[]): PageSelection[] {
  const out = new Map<string, PageSelection>();
  for (const byType of entitySelections) {
    for (const [typeName, fields] of Object.entries(byType)) {
      if (!isEntityKind(typeName)) continue;
      for (const selected of Object.values(fields)) {
        const hop = HOPS.get(typeName)!.get(selected.name);
        if (!hop) continue;
        const withTotal = Object.values(selected.fieldsByTypeName).some((f) => Object.values(f).some((c) => c.name === 'totalCount'));
        try {
          const args = pageArgsOf(ctx, hop, selected.args as ConnectionArgs, withTotal);
          out.set(JSON.stringify([typeName, hop.field, args]), { parentKind: typeName, hop, args });
        } catch {
          continue;
        }
      }
    }
  }
  return [...out.values()];
}

/** Hands pages read ahead to the loaders their fields ask, so those fields read nothing more. */
export function primePages(ctx: GraphContext, pages: readonly PrefetchedPage[]): void {
  for (const { selection, parentId, page } of pages) loaderFor(ctx, selection.parentKind, selection.hop, selection.args).prime(parentId, page);
}

function kindFields(kind: EntityKind) {
  return Object.fromEntries(
    connectionRelations(kind).map((hop) => [
      `${hop.field}Connection`,
      (parent: EntityModel, args: ConnectionArgs, ctx: GraphContext, info: GraphQLResolveInfo) =>
        loaderFor(ctx, kind, hop, pageArgsOf(ctx, hop, args, selectsField(info, 'totalCount'))).load(parent.id),
    ]),
  );
}

const connection = {
  edges: (page: RelationPageModel) => page.items,
  nodes: (page: RelationPageModel) => page.items.map((i) => i.node),
  totalCount: (page: RelationPageModel) => page.totalCount,
  pageInfo: (page: RelationPageModel) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.items[0]?.cursor ?? null,
    endCursor: page.items.at(-1)?.cursor ?? null,
  }),
};

const neighbours = [...new Set(ENTITY_KINDS.flatMap((k) => connectionRelations(k).map((f) => f.neighbour)))];

/** The `...Connection` relationship fields of every kind, and the relation connection types, from the ontology. */
export const relationConnectionResolvers = {
  ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, kindFields(kind)])),
  ...Object.fromEntries(neighbours.map((kind) => [`${kind}RelationConnection`, connection])),
};
