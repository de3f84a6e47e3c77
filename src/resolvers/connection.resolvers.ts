import type { EntityModel, PageModel } from '../graph/models.js';
import { ENTITY_KINDS } from '../graph/ontology.js';

const connection = {
  edges: (page: PageModel<EntityModel>) => page.items,
  nodes: (page: PageModel<EntityModel>) => page.items.map((i) => i.node),
  totalCount: (page: PageModel<EntityModel>) => page.totalCount,
  pageInfo: (page: PageModel<EntityModel>) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.items[0]?.cursor ?? null,
    endCursor: page.items.at(-1)?.cursor ?? null,
  }),
};

/** The Relay connection fields, the same for every kind. */
export const connectionResolvers = Object.fromEntries(ENTITY_KINDS.map((kind) => [`${kind}Connection`, connection]));
