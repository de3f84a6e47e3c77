import { connectionRelations, quantifiedRelations, sortRelations } from '../../src/graph/aggregation.js';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, Kind, parse, type GraphQLSchema } from 'graphql';
import {
  COMMON_PROPERTIES,
  constantCase,
  derivedFieldsOf,
  KIND_PROPERTIES,
  relationshipFieldsOf,
  type EntityKind,
  type PropertySpec,
} from '../../src/graph/ontology.js';
import { generateSdl } from '../../src/graph/generate-sdl.js';
import { loadTypeDefs } from '../../src/server/schema.js';

/**
 * What the SDL of each entity kind must be, derived from the ontology alone, and the same shapes read off a built
 * schema: `field: Type` or `field(arg: Type): Type` per member, so one toEqual checks both directions (nothing
 * missing, nothing extra, every type right).
 */
export type Shape = Record<string, string>;

const SCALARS: Record<PropertySpec['type'], string> = { string: 'String', int: 'Int', float: 'Float', boolean: 'Boolean', date: 'Date' };

/** The members of an object, interface or input type, or of an enum (as `VALUE: ''`); undefined when absent. */
export function shapeOf(schema: GraphQLSchema, name: string): Shape | undefined {
  const type = schema.getType(name);
  if (isEnumType(type)) return Object.fromEntries(type.getValues().map((v) => [v.name, '']));
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return undefined;
  const fields: { name: string; type: unknown; args?: readonly { name: string; type: unknown }[] }[] = Object.values(type.getFields());
  return Object.fromEntries(
    fields.map((f) => {
      const args = f.args?.length ? `(${f.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')})` : '';
      return [`${f.name}${args}`, String(f.type)];
    }),
  );
}

/** The enum type of the SDL whose values are exactly these: how a property with `values` is typed. */
export function enumNamed(schema: GraphQLSchema, values: readonly string[]): string | undefined {
  const wanted = [...values].sort().join(',');
  return Object.values(schema.getTypeMap()).find(
    (t) =>
      isEnumType(t) &&
      t
        .getValues()
        .map((v) => v.name)
        .sort()
        .join(',') === wanted,
  )?.name;
}

/** The named type of a property's values: its enum, or the GraphQL scalar of its type. */
const scalarOf = (schema: GraphQLSchema, p: PropertySpec): string =>
  p.values ? (enumNamed(schema, p.values) ?? `<no enum with ${p.values.join('|')}>`) : SCALARS[p.type];

/**
 * Fields the hand-written SDL adds to a kind with `extend type` (a computed field such as Chip.controls, which
 * the house allows), as the built schema types them: the only members of a kind's type not derived from the ontology.
 */
export function handWrittenExtensions(schema: GraphQLSchema, kind: EntityKind): Shape {
  const handWritten = parse(loadTypeDefs().replace(generateSdl(), ''));
  const names = handWritten.definitions.flatMap((d) =>
    d.kind === Kind.OBJECT_TYPE_EXTENSION && d.name.value === kind ? (d.fields ?? []).map((f) => f.name.value) : [],
  );
  const all = shapeOf(schema, kind) ?? {};
  return Object.fromEntries(Object.entries(all).filter(([signature]) => names.includes(signature.replace(/\(.*$/, ''))));
}

/** The type of a kind's entity: the Entity fields, its properties, its relationship fields and derived ones (Model.developer). */
export function expectedEntityType(schema: GraphQLSchema, kind: EntityKind): Shape {
  const shape: Shape = {
    id: 'ID!',
    kind: 'EntityKind!',
    name: 'String!',
    sources: '[Source!]!',
    'valueProvenance(property: String)': '[ValueProvenance!]!',
  };
  for (const p of [...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]]) {
    if (p.name !== 'name') shape[p.name] = p.list ? `[${scalarOf(schema, p)}!]!` : scalarOf(schema, p);
  }
  for (const f of [...relationshipFieldsOf(kind), ...derivedFieldsOf(kind)]) {
    const ends = f.direction === 'OUT' || f.spec.symmetric ? f.spec.to : f.spec.from;
    const target = ends.length === 1 ? `${ends[0]}Relation` : 'EntityRelation';
    shape[`${f.field}(asOf: Date)`] = f.single ? target : `[${target}!]!`;
  }
  // The paged sibling of each list-valued relationship field that ends at one kind (docs/aggregations.md).
  for (const f of connectionRelations(kind)) {
    const n = f.neighbour;
    shape[`${f.field}Connection(first: Int, after: String, filter: ${n}RelationFilter, orderBy: ${n}Order, asOf: Date)`] = `${n}RelationConnection!`;
  }
  return shape;
}

/** The filter input of a kind: one condition per property (typed by the property) and per relationship field. */
export function expectedFilter(schema: GraphQLSchema, kind: EntityKind): Shape {
  const shape: Shape = { id: 'IDFilter' };
  for (const p of [...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]]) {
    shape[p.name] = p.values ? `${scalarOf(schema, p)}Filter` : p.list ? `${SCALARS[p.type]}ListFilter` : `${SCALARS[p.type]}Filter`;
  }
  for (const f of relationshipFieldsOf(kind)) shape[f.field] = 'RelationFilter';
  for (const q of quantifiedRelations(kind)) shape[q.filterField] = `${q.relation.neighbour}RelationFilter`;
  return shape;
}

/** The sort enum of a kind: id, name and every single-valued property of the kind, in SCREAMING_CASE. */
export function expectedSortField(kind: EntityKind): Shape {
  const sortable = ['id', 'name', ...KIND_PROPERTIES[kind].filter((p) => !p.list).map((p) => p.name)];
  return Object.fromEntries(sortable.map((name) => [constantCase(name), '']));
}

/** The create input (`create`) or update input of a kind: its properties, all optional but the required ones. */
export function expectedInput(schema: GraphQLSchema, kind: EntityKind, create: boolean): Shape {
  // A Source is what others rest on, so it may be created without sources of its own.
  const sources = create && kind !== 'Source' ? '[ID!]!' : '[ID!]';
  const shape: Shape = create ? { id: 'ID!', name: 'String!', sources } : { name: 'String', sources };
  for (const p of [...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]]) {
    if (p.name !== 'name') shape[p.name] = p.list ? `[${scalarOf(schema, p)}!]` : scalarOf(schema, p);
  }
  return shape;
}

/** The types every kind has, whose shape does not depend on its properties. */
export const perKindTypes = (kind: EntityKind): Record<string, Shape> => ({
  [`${kind}Relation`]: { node: `${kind}!`, relationship: 'Relationship!' },
  [`${kind}Edge`]: { cursor: 'String!', node: `${kind}!` },
  [`${kind}Connection`]: { edges: `[${kind}Edge!]!`, nodes: `[${kind}!]!`, pageInfo: 'PageInfo!', totalCount: 'Int!' },
  [`${kind}Order`]: {
    field: `${kind}SortField!`,
    direction: 'SortDirection!',
    ...Object.fromEntries(sortRelations(kind).map((f) => [f.field, `${f.neighbour}SortField`])),
  },
});
