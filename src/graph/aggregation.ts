/**
 * What can be aggregated and grouped, read off the ontology: the SDL generator, the aggregate Cypher and the
 * resolvers all take the allow-lists from here, so a property or relationship added to the ontology is
 * aggregated and groupable with no other edit.
 */
import type { EntityModel } from './models.js';
import {
  COMMON_PROPERTIES,
  KIND_PROPERTIES,
  constantCase,
  relationshipFieldsOf,
  type EntityKind,
  type PropertySpec,
  type RelationshipField,
} from './ontology.js';

/** The statistics a property offers, by its type. */
export type StatKind = 'int' | 'float' | 'date' | 'distinct';

/** Statistic operators, as the SDL names them and the Cypher computes them. */
export const STAT_OPS = ['min', 'max', 'avg', 'sum', 'countDistinct'] as const;
export type StatOp = (typeof STAT_OPS)[number];

/** The operators each statistic type has. */
export const OPS_OF: Readonly<Record<StatKind, readonly StatOp[]>> = {
  int: STAT_OPS,
  float: STAT_OPS,
  date: ['min', 'max', 'countDistinct'],
  distinct: ['countDistinct'],
};

/** Operators of the statistics over relationship properties (per-entity partial sums, so no countDistinct). */
export const RELATIONSHIP_OPS: readonly StatOp[] = ['min', 'max', 'avg', 'sum'];

export const statKind = (prop: PropertySpec): StatKind => (prop.type === 'int' || prop.type === 'float' || prop.type === 'date' ? prop.type : 'distinct');

/** Single-valued properties of a kind that aggregate (lists and free-text descriptions do not). */
export function aggregateProperties(kind: EntityKind): readonly PropertySpec[] {
  return [...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]].filter((p) => !p.list && p.name !== 'description');
}

/** A property a group key can name, with its enum spelling (`RELEASE_DATE`). */
export const groupPropertyName = (prop: PropertySpec): string => constantCase(prop.name);

/** The relationship fields a kind's groups can go through: those whose far end is one kind (its entity is the key). */
export function groupRelations(kind: EntityKind): (RelationshipField & { readonly neighbour: EntityKind })[] {
  return relationshipFieldsOf(kind).flatMap((f) => {
    const ends = f.direction === 'OUT' ? f.spec.to : f.spec.from;
    return ends.length === 1 ? [{ ...f, neighbour: ends[0]! }] : [];
  });
}

/** A numeric property of a relationship a group goes through (EQUIPPED_WITH chipCount), as a group field. */
export interface RelationshipStat {
  readonly groupField: string;
  readonly relation: RelationshipField;
  readonly prop: PropertySpec;
}

/** The relationship statistics of a kind's groups: `chipsChipCount` for DataCenter's EQUIPPED_WITH chipCount. */
export function relationshipStats(kind: EntityKind): RelationshipStat[] {
  return groupRelations(kind).flatMap((relation) =>
    relation.spec.properties
      .filter((prop) => prop.type === 'int' || prop.type === 'float')
      .map((prop) => ({ groupField: `${relation.field}${prop.name[0]!.toUpperCase()}${prop.name.slice(1)}`, relation, prop })),
  );
}

/** Computed statistics of one property: only the operators the request selected are present. */
export type StatsModel = Partial<Record<StatOp, number | string | null>>;

/** An aggregate's answer: the count and the selected statistics, keyed by property (or relationship group field). */
export interface AggregateModel {
  readonly count: number;
  readonly stats: Readonly<Record<string, StatsModel>>;
}

/** One key value of a group. */
export interface GroupKeyModel {
  readonly path: string;
  readonly entity: EntityModel | null;
  readonly value: string | null;
  readonly number: number | null;
  readonly year: number | null;
  readonly quarter: number | null;
}

/** One group: its keys, its count and the selected statistics. */
export interface GroupModel extends AggregateModel {
  readonly keys: readonly GroupKeyModel[];
}

/**
 * The relationship fields that have a paged `...Connection` sibling: lists (not single-valued fields) whose far
 * end is one kind, so the neighbour filter and sort are that kind's.
 */
export const connectionRelations = (kind: EntityKind) => groupRelations(kind).filter((f) => !f.single);

export const QUANTIFIERS = ['Some', 'None', 'All'] as const;
export type Quantifier = (typeof QUANTIFIERS)[number];

/** A list filter over a relationship: `dataCentersSome`, with the relationship field and the quantifier it names. */
export interface QuantifiedRelation {
  readonly filterField: string;
  readonly relation: RelationshipField & { readonly neighbour: EntityKind };
  readonly quantifier: Quantifier;
}

/** The quantified relationship filters of a kind's list filter: Some, None and All per relationship field ending at one kind. */
export function quantifiedRelations(kind: EntityKind): QuantifiedRelation[] {
  return groupRelations(kind).flatMap((relation) => QUANTIFIERS.map((quantifier) => ({ filterField: `${relation.field}${quantifier}`, relation, quantifier })));
}

/** The single-valued relationship fields a kind's lists can be sorted through (`DataCenter.country`). */
export const sortRelations = (kind: EntityKind) => groupRelations(kind).filter((f) => f.single);
