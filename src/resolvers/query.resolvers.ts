import type { GraphQLResolveInfo } from 'graphql';
import type { QueryResolvers } from '../generated/graphql.js';
import { selectsField } from './selection.js';
import type { EntityModel, PageModel } from '../graph/models.js';
import { ENTITY_KINDS, LIST_FIELDS, type EntityKind } from '../graph/ontology.js';
import type { GraphContext } from '../context.js';
import { entitiesWithRelations, listEntities } from '../store/entity-store.js';
import type { EntityFilter } from '../store/filters.js';
import { pageSize } from './limits.js';
import { orderOf, type OrderInput } from './order.js';
import { connectionItemSelections, relationSelectionsOf, rootEntitySelections } from './prefetch.js';
import { pageSelectionsOf, primePages } from './relation-connection.resolvers.js';

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: EntityFilter | null;
  orderBy?: OrderInput;
}

const listResolver =
  (kind: EntityKind) =>
  async (_parent: unknown, args: ListArgs, ctx: GraphContext, info: GraphQLResolveInfo): Promise<PageModel<EntityModel>> => {
    const listArgs = {
      withTotal: selectsField(info, 'totalCount'),
      filter: args.filter,
      ...orderOf(kind, args.orderBy),
      first: pageSize(args.first, ctx.config.MAX_PAGE_SIZE),
      after: args.after,
    };
    const items = connectionItemSelections(info);
    const { prefetched, pages, ...page } = await listEntities(ctx.db, kind, listArgs, relationSelectionsOf(items), pageSelectionsOf(ctx, items));
    ctx.loaders.prime(prefetched);
    primePages(ctx, pages);
    return page;
  };

/**
 * One entity by id. With relationship fields selected below it, the whole traversal (up to PREFETCH_DEPTH
 * levels) and the first level's `...Connection` pages are read in the same statement and handed to the loaders;
 * otherwise the id joins the request's batch.
 */
async function entityById(id: string, ctx: GraphContext, info: GraphQLResolveInfo): Promise<EntityModel | null> {
  const entities = rootEntitySelections(info);
  const selections = relationSelectionsOf(entities);
  const pages = pageSelectionsOf(ctx, entities);
  if (selections.length === 0 && pages.length === 0) return ctx.loaders.entity.load(id);
  const [found] = await entitiesWithRelations(ctx.db, [id], selections, pages);
  if (!found) return null;
  ctx.loaders.prime(found.prefetched);
  primePages(ctx, found.pages);
  return found.entity;
}

export const queryResolvers: { Query: QueryResolvers } = {
  Query: {
    node: (_p, { id }, ctx, info) => entityById(id, ctx, info),
    entity: (_p, { id }, ctx, info) => entityById(id, ctx, info),
    ...(Object.fromEntries(ENTITY_KINDS.map((kind) => [LIST_FIELDS[kind], listResolver(kind)])) as QueryResolvers),
  },
};
