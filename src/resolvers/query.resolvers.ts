import type { GraphQLResolveInfo } from 'graphql';
import type { QueryResolvers } from '../generated/graphql.js';
import { selectsField } from './selection.js';
import type { EntityModel, PageModel } from '../graph/models.js';
import { ENTITY_KINDS, type EntityKind } from '../graph/ontology.js';
import type { GraphContext } from '../server/context.js';
import { listEntities, searchEntities } from '../store/entity-store.js';
import type { EntityFilter } from '../store/filters.js';
import { pageSize } from './limits.js';

/** List-query field names per kind, as in the SDL. */
export const LIST_FIELDS: Record<EntityKind, string> = {
  Company: 'companies',
  Model: 'models',
  Chip: 'chips',
  DataCenter: 'dataCenters',
  Regulation: 'regulations',
  Country: 'countries',
  Source: 'sources',
};

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: EntityFilter | null;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' } | null;
}

const listResolver =
  (kind: EntityKind) =>
  (_parent: unknown, args: ListArgs, ctx: GraphContext, info: GraphQLResolveInfo): Promise<PageModel<EntityModel>> =>
    listEntities(ctx.db, kind, {
      withTotal: selectsField(info, 'totalCount'),
      filter: args.filter,
      sortField: args.orderBy?.field ?? 'NAME',
      descending: args.orderBy?.direction === 'DESC',
      first: pageSize(args.first, ctx.config.MAX_PAGE_SIZE),
      after: args.after,
    });

export const queryResolvers: { Query: QueryResolvers } = {
  Query: {
    node: (_p, { id }, ctx) => ctx.loaders.entity.load(id),
    entity: (_p, { id }, ctx) => ctx.loaders.entity.load(id),
    search: (_p, { text, kinds, first }, ctx) =>
      searchEntities(ctx.db, text, kinds ?? null, pageSize(first, ctx.config.MAX_PAGE_SIZE, 10)),
    ...(Object.fromEntries(ENTITY_KINDS.map((kind) => [LIST_FIELDS[kind], listResolver(kind)])) as QueryResolvers),
  },
};
