import type { EntityModel } from '../graph/models.js';
import type { GraphContext } from '../context.js';

/** The Source entities behind a list of source ids, batched; ids that resolve to nothing are dropped. */
export async function sourcesOf(ids: readonly string[], ctx: GraphContext): Promise<EntityModel[]> {
  const found = await ctx.loaders.entity.loadMany(ids);
  return found.filter((s): s is EntityModel => !!s && !(s instanceof Error) && s.kind === 'Source');
}
