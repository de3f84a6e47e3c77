import { badInput } from '../errors.js';
import { sortRelations } from '../graph/aggregation.js';
import { propertiesOf, type EntityKind, type PropertySpec } from '../graph/ontology.js';
import { hopPattern } from './cypher.js';

const squash = (s: string): string => s.replace(/_/g, '').toLowerCase();

/** The sortable property a sort field names (`MEMORY_BANDWIDTH_TBS` → memoryBandwidthTBs); lists cannot be sorted on. */
export function sortProperty(kind: EntityKind, field: string): PropertySpec {
  if (squash(field) === 'id') return { name: 'id', type: 'string' };
  const spec = propertiesOf(kind).find((p) => squash(p.name) === squash(field));
  if (!spec || spec.list) throw badInput(`Cannot sort ${kind} by "${field}".`, { argument: 'orderBy' });
  return spec;
}

/**
 * How rows are ordered by a property. Text ignores case, so "xAI" sorts among the x's; names use the stored
 * lower-cased `nameKey`, which a per-kind index serves, so a page of a large kind reads ~first rows in index order
 * instead of sorting every match. `id` and `name` are always set, so only other properties need "nulls last".
 */
export function sortKeyOf(spec: PropertySpec, n = 'n'): { key: string; required: boolean } {
  if (spec.name === 'id') return { key: `${n}.id`, required: true };
  if (spec.name === 'name') return { key: `${n}.nameKey`, required: true };
  return { key: spec.type === 'string' ? `toLower(${n}.${spec.name})` : `${n}.${spec.name}`, required: false };
}

/** How a list is sorted: the sort property, the expression over the node variable (`n`), whether it is always set, and its cursor name. */
export interface SortKey {
  readonly spec: PropertySpec;
  readonly key: string;
  readonly required: boolean;
  /** The ordering's name in cursors: `powerMw`, or `country.name` for a related property. */
  readonly field: string;
}

/**
 * The sort key of a kind's own property, or with `through` (a single-valued relationship field such as
 * DataCenter.country) of the neighbour's property: read per row with a pattern comprehension, null (so last) for
 * an entity without the neighbour. Names come from the ontology only.
 */
export function sortKey(kind: EntityKind, field: string, through?: string | null, n = 'n'): SortKey {
  if (!through) {
    const spec = sortProperty(kind, field);
    return { spec, ...sortKeyOf(spec, n), field: spec.name };
  }
  const relation = sortRelations(kind).find((f) => f.field === through);
  if (!relation) throw badInput(`${kind} lists cannot be sorted through "${through}".`, { argument: 'orderBy' });
  const spec = sortProperty(relation.neighbour, field);
  const key = `head([(${n})${hopPattern(relation.spec.type, relation.direction, '')}(s:${relation.neighbour}) | ${sortKeyOf(spec, 's').key}])`;
  return { spec, key, required: false, field: `${relation.field}.${spec.name}` };
}
