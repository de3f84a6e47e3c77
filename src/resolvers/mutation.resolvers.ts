import { requireEditor } from '../auth/viewer.js';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql.js';
import type { EntityModel, RelationshipModel } from '../graph/models.js';
import { ENTITY_KINDS, type EntityKind } from '../graph/ontology.js';
import { parseImport, runImport } from '../ingest/importers/index.js';
import type { GraphContext } from '../context.js';
import { listChanges } from '../store/audit-store.js';
import { toRelationship } from '../store/cypher.js';
import type { EntityRecord, RelationshipRecord } from '../store/graph-records.js';
import { assertRelationship, createEntity, deleteEntity, deleteRelationship, updateEntity } from '../store/mutation-store.js';
import { pageSize } from './limits.js';

const entityModel = (r: EntityRecord | null): EntityModel | null =>
  r && { ...r, aliases: r.aliases ?? [], description: (r.description as string | undefined) ?? null, sourceIds: r.sources };

const relationshipModel = (r: RelationshipRecord | null): RelationshipModel | null =>
  r && toRelationship(r.type, { ...r, sourceIds: r.sources }, r.from, r.to, r.from);

type Input = Record<string, unknown>;

const perKind = (kind: EntityKind) => ({
  [`create${kind}`]: async (_p: unknown, { input }: { input: Input }, ctx: GraphContext) => {
    const result = await createEntity(ctx.db, requireEditor(ctx).id, kind, input);
    return { entity: entityModel(result.entity), errors: result.errors };
  },
  [`update${kind}`]: async (_p: unknown, { id, input }: { id: string; input: Input }, ctx: GraphContext) => {
    const result = await updateEntity(ctx.db, requireEditor(ctx).id, kind, id, input);
    return { entity: entityModel(result.entity), errors: result.errors };
  },
});

/** Writes (every one needs the editor role) and the audit trail. */
export const mutationResolvers: { Mutation: MutationResolvers; Query: QueryResolvers } = {
  Mutation: {
    ...(Object.assign({}, ...ENTITY_KINDS.map(perKind)) as MutationResolvers),
    deleteEntity: (_p, { id, cascade }, ctx) => deleteEntity(ctx.db, requireEditor(ctx).id, id, cascade ?? false),
    assertRelationship: async (_p, { input }, ctx) => {
      const result = await assertRelationship(ctx.db, requireEditor(ctx).id, input as Input);
      return { ...result, relationship: relationshipModel(result.relationship) };
    },
    deleteRelationship: async (_p, { key }, ctx) => {
      const result = await deleteRelationship(ctx.db, requireEditor(ctx).id, key);
      return { ...result, relationship: null };
    },
    importGraph: async (_p, { format, content, dryRun }, ctx) => {
      const actor = requireEditor(ctx).id;
      const { draft } = parseImport(format, content);
      return runImport(ctx.db, actor, draft, { dryRun: dryRun ?? false, timeoutMs: ctx.config.TX_TIMEOUT_MS });
    },
  },
  Query: {
    changes: async (_p, { since, entity, first, after }, ctx) => {
      // AUDIT_VISIBILITY=editors (the default): who changed what is for editors only.
      if (ctx.config.AUDIT_VISIBILITY === 'editors') requireEditor(ctx);
      const page = await listChanges(ctx.db, { since, entity, first: pageSize(first, ctx.config.MAX_PAGE_SIZE, 20), after });
      const edges = page.items.map((i) => ({ cursor: i.cursor, node: i.node }));
      const pageInfo = {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: !!after,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      };
      return { edges, pageInfo } as never;
    },
  },
};
