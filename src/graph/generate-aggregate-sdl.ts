import { aggregateProperties, groupPropertyName, groupRelations, relationshipStats, statKind, type StatKind } from './aggregation.js';
import { ENTITY_KINDS, kindSpec, type EntityKind } from './ontology.js';
import { block, described, field } from './sdl-text.js';

/**
 * The per-kind aggregation SDL, from the ontology: `<Kind>Aggregate` and `<Kind>Group` with a statistics field
 * per aggregating property, the `<Kind>GroupBy` input (a property, the year or quarter of a date, or a
 * relationship field to the neighbour kind's GroupBy), the `<Kind>GroupProperty` enum and the two Query fields
 * (`chipsAggregate`, `chipsGroups`). The shared statistics types live in schema/aggregations.graphql.
 */

const STATS_TYPE: Record<StatKind, string> = { int: 'IntStats', float: 'FloatStats', date: 'DateStats', distinct: 'DistinctStats' };

const statsFields = (kind: EntityKind) =>
  aggregateProperties(kind).flatMap((prop) => field(prop.name, `${STATS_TYPE[statKind(prop)]}!`, `Statistics of ${prop.name} over the entities that have it.`));

function aggregateTypes(kind: EntityKind): string[] {
  const relationStats = relationshipStats(kind).flatMap(({ groupField, relation, prop }) =>
    field(
      groupField,
      'RelationshipNumberStats',
      `Statistics of ${prop.name} on the ${relation.spec.type} relationships (${relation.field}) of the group's entities; null unless groupBy has a ${relation.field} key one hop deep.`,
    ),
  );
  return [
    block(`Aggregates over the ${kind} entities a filter matches, computed by the database in one statement.`, `type ${kind}Aggregate`, [
      ...field('count', 'Int!', `Number of ${kind} entities matching the filter.`),
      ...statsFields(kind),
    ]),
    block(`One group of ${kind} entities: its key values and the aggregates over its entities.`, `type ${kind}Group`, [
      ...field('keys', '[GroupKey!]!', 'The group key values, one per groupBy entry, in that order.'),
      ...field('count', 'Int!', `Number of distinct ${kind} entities in the group.`),
      ...statsFields(kind),
      ...relationStats,
    ]),
  ];
}

function groupInputs(kind: EntityKind): string[] {
  const props = aggregateProperties(kind);
  return [
    block(
      `Properties ${kind} entities can be grouped by.`,
      `enum ${kind}GroupProperty`,
      props.flatMap((prop) => [`  ${described(`Group by ${prop.name}.`, prop.name)}`, `  ${groupPropertyName(prop)}`]),
    ),
    block(
      `One group key over ${kind} entities: give property (with datePart for a date), or one relationship field whose value says what of the neighbour is the key ({} for the neighbour entity itself).`,
      `input ${kind}GroupBy`,
      [
        ...field('property', `${kind}GroupProperty`, 'Group by this property of the entity.'),
        ...field('datePart', 'DatePart', 'With a date property: group by its year or quarter instead of the day.'),
        ...groupRelations(kind).flatMap((f) =>
          field(f.field, `${f.neighbour}GroupBy`, `Group by the ${f.field} neighbour (${f.spec.type}): {} for the entity, or what of it to group by.`),
        ),
      ],
    ),
  ];
}

function queryFields(kind: EntityKind): string[] {
  const list = kindSpec(kind).listField;
  const filter = ['filter', `${kind}Filter`, 'Conditions the entities must meet, as on the list.'] as const;
  const asOf = [
    'asOf',
    'Date',
    'Only relationships that held on this date: on groupBy paths and in filter conditions that give no asOf of their own.',
  ] as const;
  return [
    ...field(`${list}Aggregate`, `${kind}Aggregate!`, `Counts and statistics over the ${kind} entities a filter matches.`, [filter, asOf]),
    ...field(`${list}Groups`, `[${kind}Group!]!`, `${kind} entities grouped by one or more keys, with the aggregates of each group.`, [
      ['groupBy', `[${kind}GroupBy!]!`, 'The group keys (1 to 3); entities without a key value form the group whose key is null.'],
      filter,
      asOf,
      ['orderBy', 'GroupOrder', 'Order of the groups (default: largest count first).'],
      ['first', 'Int = 100', "Most groups to return (at most the server's MAX_PAGE_SIZE, as every list)."],
    ]),
  ];
}

/** The per-kind aggregation types, inputs and Query fields. */
export function aggregateSdl(): string[] {
  return [
    ...ENTITY_KINDS.flatMap((kind) => [...aggregateTypes(kind), ...groupInputs(kind)]),
    ['extend type Query {', ...ENTITY_KINDS.flatMap(queryFields), '}'].join('\n'),
  ];
}
