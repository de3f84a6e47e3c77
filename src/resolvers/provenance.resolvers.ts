import type { GraphContext } from '../context.js';
import type { EntityModel } from '../graph/models.js';
import { propertiesOf } from '../graph/ontology.js';
import { parseProvenance, VALUE_PROVENANCE } from '../graph/value-provenance.js';
import { badInput } from '../errors.js';
import { sourcesOf } from './sources.js';

/** One value's provenance as the ValueProvenance type shows it. */
export interface ValueProvenanceModel {
  readonly property: string;
  readonly sources: EntityModel[];
  readonly confidence: 'high' | 'medium' | 'low' | null;
  readonly asOf: string | null;
  readonly estimate: boolean;
  readonly note: string | null;
}

const hasValue = (v: unknown): boolean => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

/**
 * Where an entity's values come from: the entry stored for each property, else (curated values) the entity's
 * own sources with no confidence claimed. One property, or every property that has a value.
 */
export async function valueProvenanceOf(parent: EntityModel, property: string | null | undefined, ctx: GraphContext): Promise<ValueProvenanceModel[]> {
  const names = propertiesOf(parent.kind).map((p) => p.name);
  if (property != null && !names.includes(property))
    throw badInput(`property: "${property}" is not a property of a ${parent.kind}; valid properties: ${names.join(', ')}`, { field: 'property' });
  const map = parseProvenance(parent[VALUE_PROVENANCE]);
  const wanted = property != null ? [property] : names.filter((n) => hasValue(parent[n]) || map[n]);
  return Promise.all(
    wanted.map(async (p) => {
      const entry = map[p];
      return {
        property: p,
        sources: await sourcesOf(entry ? [entry.source] : parent.sourceIds, ctx),
        confidence: entry?.confidence ?? null,
        asOf: entry?.asOf ?? null,
        estimate: entry?.estimate ?? false,
        note: entry?.note ?? null,
      };
    }),
  );
}
