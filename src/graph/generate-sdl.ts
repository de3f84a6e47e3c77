import {
  COMMON_PROPERTIES,
  COMMON_RELATIONSHIP_PROPERTIES,
  ENTITY_KINDS,
  RELATIONSHIP_TYPES,
  constantCase,
  derivedFieldsOf,
  kindSpec,
  ontologyEnums,
  relationshipFieldsOf,
  type EntityKind,
  type EnumSpec,
  type PropertySpec,
  type RelationshipField,
} from './ontology.js';
import { aggregateSdl } from './generate-aggregate-sdl.js';
import { connectionSdl } from './generate-connection-sdl.js';
import { block, described, field, relationshipProperties, SCALAR_FILTERS } from './sdl-text.js';

/**
 * The per-kind part of the GraphQL schema, written from the ontology: the enums it defines, the relationship
 * type and input, and per kind the entity type with its relationship fields, its relation, edge and connection
 * types, filter, sort and create/update inputs, list query and mutations. The server builds its schema from this
 * and the hand-written SDL in `schema/`; `npm run codegen` also writes it to `schema/ontology.generated.graphql`
 * for codegen and readers, and `codegen:check` fails when that file is stale.
 */

type Line = string;

const SCALARS: Record<PropertySpec['type'], string> = { string: 'String', int: 'Int', float: 'Float', boolean: 'Boolean', date: 'Date' };

const valueType = (prop: PropertySpec): string => prop.enum?.name ?? SCALARS[prop.type];
const outputType = (prop: PropertySpec): string => (prop.list ? `[${valueType(prop)}!]!` : valueType(prop));
const inputType = (prop: PropertySpec): string => (prop.list ? `[${valueType(prop)}!]` : valueType(prop));
const filterType = (prop: PropertySpec): string => (prop.enum ? `${prop.enum.name}Filter` : prop.list ? 'StringListFilter' : SCALAR_FILTERS[prop.type]);

function enumDefinition(spec: EnumSpec): string {
  return block(
    spec.description,
    `enum ${spec.name}`,
    spec.values.flatMap((v) => [`  ${described(v.description, `${spec.name}.${v.name}`)}`, `  ${v.name}`]),
  );
}

/** The filter input of an enum property: eq/in for a single value, includes/includesAny for a list. */
function enumFilter(spec: EnumSpec, list: boolean): string {
  const fields = list
    ? [...field('includes', spec.name, spec.filter.includes), ...field('includesAny', `[${spec.name}!]`, spec.filter.includesAny)]
    : [...field('eq', spec.name, spec.filter.eq), ...field('in', `[${spec.name}!]`, spec.filter.in)];
  return block(spec.filter[''] ?? `Conditions on ${spec.name}.`, `input ${spec.name}Filter`, fields);
}

function enums(): string[] {
  const relationshipTypes: EnumSpec = {
    name: 'RelationshipType',
    description: 'The relationship types of the graph (see the ontology in the README).',
    filter: {},
    values: RELATIONSHIP_TYPES.map((r) => ({ value: r.type, name: r.type, description: r.description })),
  };
  const [entityKind, ...rest] = ontologyEnums();
  const filtered = ENTITY_KINDS.flatMap((k) => kindSpec(k).properties).filter((prop) => prop.enum);
  const filters = [...new Map(filtered.map((prop) => [prop.enum!.name, enumFilter(prop.enum!, prop.list ?? false)])).values()];
  return [enumDefinition(entityKind!), enumDefinition(relationshipTypes), ...rest.map(enumDefinition), ...filters];
}

function relationshipType(): string {
  const common = Object.fromEntries(COMMON_RELATIONSHIP_PROPERTIES.map((prop) => [prop.name, prop.description]));
  return block('A relationship between two entities, with the facts about it.', 'type Relationship', [
    ...field('type', 'RelationshipType!', 'Relationship type.'),
    ...field('direction', 'Direction!', 'Direction, seen from the entity it was reached from.'),
    ...field('from', 'ID!', 'Id of the entity the relationship starts at.'),
    ...field('to', 'ID!', 'Id of the entity the relationship ends at.'),
    ...field('sources', '[Source!]!', common.sources),
    ...field('validFrom', 'Date', common.validFrom),
    ...field('validTo', 'Date', common.validTo),
    ...field('confidence', 'Confidence!', common.confidence),
    ...field('notes', 'String', common.notes),
    ...relationshipProperties().flatMap(({ prop, types }) => field(prop.name, inputType(prop), `${prop.description} (${types.join(', ')}).`)),
  ]);
}

function relationshipInput(): string {
  return block('A relationship to assert: its endpoints, sources, validity, confidence and type-specific properties.', 'input RelationshipInput', [
    ...field('type', 'RelationshipType!', 'Relationship type.'),
    ...field('from', 'ID!', 'Id of the entity it starts at.'),
    ...field('to', 'ID!', 'Id of the entity it ends at.'),
    ...field('sources', '[ID!]!', 'Ids of the Source entities that assert it; at least one. Added to the sources it already cites.'),
    ...field('validFrom', 'Date', 'First day it held.'),
    ...field('validTo', 'Date', 'Day it stopped holding (exclusive); not before validFrom.'),
    ...field('confidence', 'Confidence', 'How sure the graph is of it (HIGH when new and not given).'),
    ...field('notes', 'String', 'Free-text notes.'),
    ...relationshipProperties().flatMap(({ prop, types }) => field(prop.name, inputType(prop), `${prop.description} (${types.join(', ')} only).`)),
  ]);
}

const AS_OF = [['asOf', 'Date', 'Only relationships that held on this date.']] as const;

/** The GraphQL type a relationship field lists: the neighbour kind's Relation type, or EntityRelation for several. */
function relationOf(f: RelationshipField): string {
  const ends = f.direction === 'OUT' ? f.spec.to : f.spec.from;
  return ends.length === 1 ? `${ends[0]}Relation` : 'EntityRelation';
}

function relationFieldDescription(f: RelationshipField): string {
  const way = f.spec.symmetric ? 'either direction' : f.direction === 'OUT' ? 'outgoing' : 'incoming';
  return `${f.spec.description.replace(/\.$/, '')} (${f.spec.type}, ${way}).`;
}

const VALUE_PROVENANCE_DESCRIPTION =
  'Where each of its values comes from (source, confidence, date, estimate), one entry per property that has a value, or the one property asked for. Read it before taking a number as a plain fact.';

/** A number keeps its value (aggregations and rules read it), and says where to read how sure it is. */
const propertyDescription = (prop: PropertySpec): string | undefined =>
  (prop.type === 'int' || prop.type === 'float') && !prop.list
    ? `${prop.description} Its source, confidence and date, and whether it is an estimate: valueProvenance(property: "${prop.name}").`
    : prop.description;

function entityType(kind: EntityKind): string {
  const spec = kindSpec(kind);
  const relationField = (f: RelationshipField, description: string): Line[] =>
    field(f.field, f.single ? relationOf(f) : `[${relationOf(f)}!]!`, description, AS_OF);
  return block(spec.description, `type ${kind} implements Node & Entity`, [
    ...field('id', 'ID!', 'Stable, human-readable id (a slug such as nvidia-h100).'),
    ...field('kind', 'EntityKind!', 'The kind of entity.'),
    ...COMMON_PROPERTIES.flatMap((prop) => field(prop.name, prop.name === 'name' ? 'String!' : outputType(prop), prop.description)),
    ...field('sources', '[Source!]!', 'The sources this entity rests on.'),
    ...field('valueProvenance', '[ValueProvenance!]!', VALUE_PROVENANCE_DESCRIPTION, [
      ['property', 'String', 'One property (such as parameters); an unknown name is refused, listing the valid ones.'],
    ]),
    ...spec.properties.flatMap((prop) => field(prop.name, outputType(prop), propertyDescription(prop))),
    ...relationshipFieldsOf(kind).flatMap((f) => relationField(f, relationFieldDescription(f))),
    ...derivedFieldsOf(kind).flatMap((f) => relationField(f, f.description)),
  ]);
}

function pageTypes(kind: EntityKind): string[] {
  return [
    block(`A ${kind} reached through a relationship, with the relationship's facts.`, `type ${kind}Relation`, [
      ...field('node', `${kind}!`, `The neighbouring ${kind}.`),
      ...field('relationship', 'Relationship!', 'The relationship: type, direction, validity, confidence, sources and counts.'),
    ]),
    block(`One ${kind} in a page of results.`, `type ${kind}Edge`, [
      ...field('cursor', 'String!', 'Opaque cursor; pass it as after to get the next page.'),
      ...field('node', `${kind}!`, `The ${kind}.`),
    ]),
    block(`A page of ${kind} entities.`, `type ${kind}Connection`, [
      ...field('edges', `[${kind}Edge!]!`, 'The entities of this page with their cursors.'),
      ...field('nodes', `[${kind}!]!`, 'The entities of this page.'),
      ...field('pageInfo', 'PageInfo!', 'Where this page sits.'),
      ...field('totalCount', 'Int!', 'Number of entities matching the filter, across all pages.'),
    ]),
  ];
}

function filterAndOrder(kind: EntityKind): string[] {
  const props = [...COMMON_PROPERTIES, ...kindSpec(kind).properties];
  const matchOn = (prop: PropertySpec): string => (prop.name === 'name' ? 'Match on name (contains and startsWith ignore case).' : `Match on ${prop.name}.`);
  const relationFilter = (f: RelationshipField): Line[] => {
    const incoming = f.direction === 'IN' && !f.spec.symmetric ? ', incoming' : '';
    return field(f.field, 'RelationFilter', `Has (or, with exists false, lacks) a ${f.field} neighbour (${f.spec.type}${incoming}).`);
  };
  const sortable = [{ name: 'id' }, ...props.filter((prop) => !prop.list && prop.name !== 'description')];
  return [
    block(`Filter on ${kind} entities; all conditions must hold.`, `input ${kind}Filter`, [
      ...field('id', 'IDFilter', 'Match on id.'),
      ...props.flatMap((prop) => field(prop.name, filterType(prop), matchOn(prop))),
      ...relationshipFieldsOf(kind).flatMap(relationFilter),
    ]),
    block(
      `Properties ${kind} entities can be sorted by.`,
      `enum ${kind}SortField`,
      sortable.flatMap((prop) => [`  ${described(`Sort by ${prop.name}.`, prop.name)}`, `  ${constantCase(prop.name)}`]),
    ),
    block(`Sort order for ${kind} entities (nulls last, then by id).`, `input ${kind}Order`, [
      ...field('field', `${kind}SortField! = NAME`, 'The property to sort by.'),
      ...field('direction', 'SortDirection! = ASC', 'Ascending or descending.'),
    ]),
  ];
}

function writeInputs(kind: EntityKind): string[] {
  const spec = kindSpec(kind);
  const own = spec.properties.flatMap((prop) => field(prop.name, inputType(prop), prop.description));
  const isSource = kind === 'Source';
  return [
    block(`A new ${spec.noun}: every field it is created with.`, `input Create${kind}Input`, [
      ...field('id', 'ID!', 'Stable id: a lower-case slug such as nvidia-h100, unique across the graph.'),
      ...field('name', 'String!', 'Display name.'),
      ...field('aliases', '[String!]', 'Other names it is known by.'),
      ...field('description', 'String', 'Short description.'),
      ...(isSource
        ? field('sources', '[ID!]', 'Ids of Source entities it rests on (a Source may omit them).')
        : field('sources', '[ID!]!', 'Ids of the Source entities it rests on; at least one.')),
      ...own,
    ]),
    block(`Changes to ${article(kind)}: only the fields given change; null clears a field (name and sources cannot be cleared).`, `input Update${kind}Input`, [
      ...field('name', 'String', 'New display name.'),
      ...field('aliases', '[String!]', 'Replaces the other names it is known by.'),
      ...field('description', 'String', 'Short description.'),
      ...field('sources', '[ID!]', 'Replaces the ids of the Source entities it rests on.'),
      ...own,
    ]),
  ];
}

const article = (kind: EntityKind): string => `${kindSpec(kind).article} ${kindSpec(kind).noun}`;

function queryExtension(): string {
  const lines = ENTITY_KINDS.flatMap((kind) =>
    field(kindSpec(kind).listField, `${kind}Connection!`, `${kindSpec(kind).description} One page, filtered and sorted.`, [
      ['first', 'Int = 20', "Page size (at most the server's MAX_PAGE_SIZE)."],
      ['after', 'String', 'Cursor of the last entity of the previous page.'],
      ['filter', `${kind}Filter`, 'Conditions the entities must meet.'],
      ['orderBy', `${kind}Order`, 'Sort order.'],
    ]),
  );
  return ['extend type Query {', ...lines, '}'].join('\n');
}

function mutationExtension(): string {
  const lines = ENTITY_KINDS.flatMap((kind) => [
    ...field(
      `create${kind}`,
      'EntityPayload!',
      `Creates ${article(kind)}. Fails (in errors) when the id is taken, a field is invalid or a source is unknown.`,
      [['input', `Create${kind}Input!`, `The new ${kindSpec(kind).noun}.`]],
    ),
    ...field(`update${kind}`, 'EntityPayload!', `Changes fields of an existing ${kindSpec(kind).noun}; the result is validated as a whole.`, [
      ['id', 'ID!', `Id of the ${kindSpec(kind).noun} to change.`],
      ['input', `Update${kind}Input!`, 'The fields to change.'],
    ]),
  ]);
  return ['extend type Mutation {', ...lines, '}'].join('\n');
}

export const GENERATED_SDL_HEADER = '# Generated from src/graph/ontology-data.ts by scripts/generate-schema.ts (npm run codegen). Do not edit.\n';

/** The per-kind SDL, from the ontology. */
export function generateSdl(): string {
  const parts = [
    ...enums(),
    relationshipType(),
    relationshipInput(),
    ...ENTITY_KINDS.flatMap((kind) => [entityType(kind), ...pageTypes(kind), ...filterAndOrder(kind), ...writeInputs(kind)]),
    queryExtension(),
    mutationExtension(),
    ...aggregateSdl(),
    ...connectionSdl(),
  ];
  return `${GENERATED_SDL_HEADER}\n${parts.join('\n\n')}\n`;
}
