import type { GraphContext } from '../context.js';
import { badInput } from '../errors.js';
import type { ChipControlsResolvers, ChipResolvers, ControlParagraphResolvers, RuleControlsResolvers } from '../generated/graphql.js';
import type { EntityModel } from '../graph/models.js';
import { chipSpecsFromEntity } from '../rules/chip-specs.js';
import { createClassifier, type Classification } from '../rules/classify.js';
import { loadRuleSet } from '../rules/load-rules.js';
import { today } from '../store/analysis/common.js';
import { sourcesOf } from './sources.js';

/** A chip's classification for one destination Country. */
export interface ChipControlsModel extends Classification {
  readonly country: EntityModel;
}

let classifier: ReturnType<typeof createClassifier> | null = null;

/** The classifier over data/rules, read and validated once (the server calls this at start-up to fail early). */
export function rulesClassifier(): ReturnType<typeof createClassifier> {
  classifier ??= createClassifier(loadRuleSet());
  return classifier;
}

async function destinationCountry(id: string, ctx: GraphContext): Promise<EntityModel & { isoCode: string }> {
  const entity = await ctx.loaders.entity.load(id);
  if (entity?.kind !== 'Country' || typeof entity.isoCode !== 'string') {
    throw badInput(`destination "${id}" is not the id of a Country with an ISO code (such as china)`, { argument: 'destination' });
  }
  return entity as EntityModel & { isoCode: string };
}

/** Chip.controls and the types below it: the pure classifier applied to the chip's stored specifications. */
export const controlsResolvers: {
  Chip: Pick<ChipResolvers, 'controls'>;
  ChipControls: ChipControlsResolvers;
  RuleControls: RuleControlsResolvers;
  ControlParagraph: ControlParagraphResolvers;
} = {
  Chip: {
    controls: async (parent, args, ctx) => {
      const country = await destinationCountry(args.destination, ctx);
      return { ...rulesClassifier().classify(chipSpecsFromEntity(parent), args.asOf ?? today(), country.isoCode), country };
    },
  },
  ChipControls: {
    destination: (parent) => parent.country,
    tpp: (parent) => parent.derived.tpp,
    performanceDensity: (parent) => parent.derived.performanceDensity,
    rules: (parent) => parent.rules,
  },
  RuleControls: {
    regulationId: (parent) => parent.rule,
    regulation: async (parent, _a, ctx) => {
      const entity = await ctx.loaders.entity.load(parent.rule);
      return entity?.kind === 'Regulation' ? entity : null;
    },
    exception: (parent) => parent.exception?.label ?? null,
    sources: (parent, _a, ctx) => sourcesOf([...new Set(parent.sources)], ctx),
  },
  ControlParagraph: {
    source: async (parent, _a, ctx) => (await sourcesOf([parent.source], ctx))[0] ?? null,
  },
};
