import { badInput } from '../errors.js';
import { aggregateProperties, groupPropertyName, groupRelations } from '../graph/aggregation.js';
import type { EntityKind, PropertySpec, RelationshipField } from '../graph/ontology.js';

/** A `<Kind>GroupBy` input as it arrives: a property (and date part) or one relationship field with a nested GroupBy. */
export type GroupByInput = Readonly<Record<string, unknown>>;

export type DatePart = 'YEAR' | 'QUARTER';

/** One relationship hop of a group key's path: the field and the kind it reaches. */
export type GroupHop = RelationshipField & { readonly neighbour: EntityKind };

/** A group key, checked against the ontology: the hops to walk, then the neighbour itself or a property of it. */
export interface GroupKeyPlan {
  readonly path: string;
  readonly hops: readonly GroupHop[];
  /** The kind the key is read on (the last hop's neighbour, or the grouped kind). */
  readonly kind: EntityKind;
  /** null: the key is the entity at the end of the hops. */
  readonly prop: PropertySpec | null;
  readonly datePart: DatePart | null;
}

/** Longest relationship path a key may walk: models by their developers' country is two. */
export const MAX_GROUP_HOPS = 2;
/** Most keys one groupBy may combine. */
export const MAX_GROUP_KEYS = 3;

const invalid = (message: string) => badInput(message, { argument: 'groupBy' });

function keyProperty(kind: EntityKind, input: GroupByInput, path: string[]): Pick<GroupKeyPlan, 'prop' | 'datePart'> {
  const prop = aggregateProperties(kind).find((p) => groupPropertyName(p) === input.property);
  if (!prop) throw invalid(`${kind} cannot be grouped by "${String(input.property)}".`);
  const datePart = (input.datePart as DatePart | null | undefined) ?? null;
  if (datePart && prop.type !== 'date') throw invalid(`datePart needs a date property; ${kind}.${prop.name} is not one.`);
  path.push(datePart ? `${prop.name}.${datePart.toLowerCase()}` : prop.name);
  return { prop, datePart };
}

/** Reads one groupBy entry, walking nested relationship fields; `top` entries must name something. */
function walk(kind: EntityKind, input: GroupByInput, hops: GroupHop[], path: string[]): GroupKeyPlan {
  const given = Object.entries(input).filter(([, v]) => v != null);
  const relations = groupRelations(kind);
  const through = given.filter(([name]) => relations.some((r) => r.field === name));
  const hasProperty = input.property != null;
  if (!hasProperty && input.datePart != null) throw invalid(`datePart needs a property (on ${kind}).`);
  if (through.length + (hasProperty ? 1 : 0) > 1) throw invalid(`A groupBy entry names one thing on ${kind}: a property or one relationship field.`);
  const unknown = given.find(([name]) => name !== 'property' && name !== 'datePart' && !relations.some((r) => r.field === name));
  if (unknown) throw invalid(`${kind} has no group field "${unknown[0]}".`);
  if (hasProperty) {
    const key = keyProperty(kind, input, path);
    return { path: path.join('.'), hops, kind, ...key };
  }
  if (through.length === 0) {
    if (hops.length === 0) throw invalid(`A groupBy entry on ${kind} needs a property or a relationship field.`);
    return { path: path.join('.'), hops, kind, prop: null, datePart: null };
  }
  const [name, nested] = through[0]!;
  const relation = relations.find((r) => r.field === name)!;
  if (hops.length === MAX_GROUP_HOPS) throw invalid(`A group key may walk at most ${MAX_GROUP_HOPS} relationships.`);
  if (typeof nested !== 'object' || Array.isArray(nested)) throw invalid(`groupBy.${name} must be an object.`);
  return walk(relation.neighbour, nested as GroupByInput, [...hops, relation], [...path, name]);
}

/** The group keys of a groupBy argument; a key the ontology does not allow is BAD_USER_INPUT naming groupBy. */
export function groupKeys(kind: EntityKind, groupBy: readonly GroupByInput[]): GroupKeyPlan[] {
  if (groupBy.length === 0 || groupBy.length > MAX_GROUP_KEYS) throw invalid(`groupBy takes 1 to ${MAX_GROUP_KEYS} keys; got ${groupBy.length}.`);
  return groupBy.map((entry) => walk(kind, entry, [], []));
}
