import { connectionRelations, groupRelations, quantifiedRelations, sortRelations } from './aggregation.js';
import { COMMON_RELATIONSHIP_PROPERTIES, ENTITY_KINDS, type EntityKind } from './ontology.js';
import { block, field, relationshipProperties, SCALAR_FILTERS } from './sdl-text.js';

/**
 * The SDL of relationship fields as connections, from the ontology: per kind a `<field>Connection` sibling of
 * each list-valued relationship field (first/after, filter on the neighbour and the relationship, orderBy,
 * totalCount, asOf), the `<Kind>RelationEdge`/`<Kind>RelationConnection` types and their filter input, and the
 * shared RelationshipFilter over every relationship property the ontology defines.
 */

function relationshipFilter(): string {
  const common = COMMON_RELATIONSHIP_PROPERTIES.filter((p) => p.name === 'validFrom' || p.name === 'validTo');
  return block(
    'Conditions on the relationship a neighbour is reached through; all must hold. A relationship without the property never matches a condition on it.',
    'input RelationshipFilter',
    [
      ...field('confidence', '[Confidence!]', 'The confidence is one of these.'),
      ...field('heldOn', 'Date', 'The relationship held on this date (validFrom inclusive, validTo exclusive, missing bounds open).'),
      ...common.flatMap((p) => field(p.name, 'DateFilter', `Match on ${p.name} (${p.description?.replace(/\.$/, '').toLowerCase()}).`)),
      ...relationshipProperties().flatMap(({ prop, types }) => field(prop.name, SCALAR_FILTERS[prop.type], `Match on ${prop.name} (${types.join(', ')}).`)),
    ],
  );
}

const pageKinds = (): EntityKind[] => [...new Set(ENTITY_KINDS.flatMap((k) => connectionRelations(k).map((f) => f.neighbour)))];
const filterKinds = (): EntityKind[] => [...new Set(ENTITY_KINDS.flatMap((k) => groupRelations(k).map((f) => f.neighbour)))];

function pageTypes(kind: EntityKind): string[] {
  return [
    block(`A ${kind} reached through a relationship, in a page, with its cursor.`, `type ${kind}RelationEdge`, [
      ...field('cursor', 'String!', 'Opaque cursor; pass it as after to get the next page.'),
      ...field('node', `${kind}!`, `The neighbouring ${kind}.`),
      ...field('relationship', 'Relationship!', 'The relationship: type, direction, validity, confidence, sources and counts.'),
    ]),
    block(`A page of the ${kind} neighbours of an entity through one relationship field.`, `type ${kind}RelationConnection`, [
      ...field('edges', `[${kind}RelationEdge!]!`, 'The neighbours of this page with their relationships and cursors.'),
      ...field('nodes', `[${kind}!]!`, 'The neighbours of this page.'),
      ...field('pageInfo', 'PageInfo!', 'Where this page sits.'),
      ...field('totalCount', 'Int!', 'Number of neighbours matching the filter (and asOf), across all pages.'),
    ]),
  ];
}

const relationFilter = (kind: EntityKind): string =>
  block(`Conditions on ${kind} neighbours and the relationships they are reached through; all must hold.`, `input ${kind}RelationFilter`, [
    ...field('node', `${kind}Filter`, 'Conditions on the neighbour, as on the list of its kind.'),
    ...field('relationship', 'RelationshipFilter', 'Conditions on the relationship.'),
  ]);

const QUANTIFIED: Record<string, string> = {
  Some: 'At least one',
  None: 'No',
  All: 'Every (true for an entity with none)',
};

/** The list filter's quantified relationship conditions (`dataCentersSome`), as an extension of the generated filter input. */
function quantifiedFilters(kind: EntityKind): string | null {
  const fields = quantifiedRelations(kind);
  if (fields.length === 0) return null;
  const lines = fields.flatMap((q) =>
    field(
      q.filterField,
      `${q.relation.neighbour}RelationFilter`,
      `${QUANTIFIED[q.quantifier]} ${q.relation.field} neighbour (${q.relation.spec.type}) meets these conditions, with its relationship.`,
    ),
  );
  return [`extend input ${kind}Filter {`, ...lines, '}'].join('\n');
}

function connectionFields(kind: EntityKind): string | null {
  const fields = connectionRelations(kind);
  if (fields.length === 0) return null;
  const lines = fields.flatMap((f) =>
    field(
      `${f.field}Connection`,
      `${f.neighbour}RelationConnection!`,
      `${f.field} (${f.spec.type}) one page at a time, filtered and sorted, with totalCount; ${f.field} itself keeps returning the whole list.`,
      [
        ['first', 'Int = 20', "Page size (at most the server's MAX_PAGE_SIZE)."],
        ['after', 'String', 'Cursor of the last neighbour of the previous page.'],
        ['filter', `${f.neighbour}RelationFilter`, 'Conditions on the neighbours and their relationships.'],
        ['orderBy', `${f.neighbour}Order`, 'Sort order of the neighbours (default by name).'],
        ['asOf', 'Date', 'Only relationships that held on this date.'],
      ],
    ),
  );
  return [`extend type ${kind} {`, ...lines, '}'].join('\n');
}

/** Sorting through a single-valued relationship field (`dataCenters(orderBy: {country: NAME})`), as an extension of the order input. */
function relatedOrder(kind: EntityKind): string | null {
  const fields = sortRelations(kind);
  if (fields.length === 0) return null;
  const lines = fields.flatMap((f) =>
    field(
      f.field,
      `${f.neighbour}SortField`,
      `Sort by this property of the ${f.field} neighbour (${f.spec.type}) instead of field; entities without one come last.`,
    ),
  );
  return [`extend input ${kind}Order {`, ...lines, '}'].join('\n');
}

/** The connection SDL: RelationshipFilter, the per-neighbour page types and the `...Connection` fields. */
export function connectionSdl(): string[] {
  return [
    relationshipFilter(),
    ...filterKinds().map(relationFilter),
    ...pageKinds().flatMap(pageTypes),
    ...ENTITY_KINDS.flatMap((k) => connectionFields(k) ?? []),
    ...ENTITY_KINDS.flatMap((k) => quantifiedFilters(k) ?? []),
    ...ENTITY_KINDS.flatMap((k) => relatedOrder(k) ?? []),
  ];
}
