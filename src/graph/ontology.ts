/**
 * The ontology of the graph, written once as data. The store, the loaders, the validation, the importers and
 * the schema-consistency test all read it; nothing else names a label or a relationship type.
 */

export const ENTITY_KINDS = ['Company', 'Model', 'Chip', 'DataCenter', 'Regulation', 'Country', 'Source'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Scalar types a kind-specific property can have; `list` marks a list of that scalar. */
export type PropertyType = 'string' | 'int' | 'float' | 'boolean' | 'date';

export interface PropertySpec {
  readonly name: string;
  readonly type: PropertyType;
  readonly list?: boolean;
  /** Allowed values, for properties that are enums in the GraphQL schema. */
  readonly values?: readonly string[];
}

export const COMPANY_ROLES = [
  'AI_LAB',
  'CHIP_DESIGNER',
  'FOUNDRY',
  'CLOUD_PROVIDER',
  'DATA_CENTER_OPERATOR',
  'HARDWARE_VENDOR',
  'GOVERNMENT_AGENCY',
  'RESEARCH_INSTITUTE',
  'DISTRIBUTOR',
  'TELECOM',
  'INVESTOR',
] as const;

export const DATA_CENTER_STATUSES = ['OPERATIONAL', 'UNDER_CONSTRUCTION', 'PLANNED', 'DECOMMISSIONED'] as const;
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** Properties every entity has, whatever its kind. */
export const COMMON_PROPERTIES: readonly PropertySpec[] = [
  { name: 'name', type: 'string' },
  { name: 'aliases', type: 'string', list: true },
  { name: 'description', type: 'string' },
];

export const KIND_PROPERTIES: Readonly<Record<EntityKind, readonly PropertySpec[]>> = {
  Company: [
    { name: 'roles', type: 'string', list: true, values: COMPANY_ROLES },
    { name: 'foundedYear', type: 'int' },
    { name: 'website', type: 'string' },
  ],
  Model: [
    { name: 'releaseDate', type: 'date' },
    { name: 'parameters', type: 'float' },
    { name: 'activeParameters', type: 'float' },
    { name: 'openWeights', type: 'boolean' },
    { name: 'trainingComputeFlop', type: 'float' },
    { name: 'domain', type: 'string' },
  ],
  Chip: [
    { name: 'vendor', type: 'string' },
    { name: 'architecture', type: 'string' },
    { name: 'releaseDate', type: 'date' },
    { name: 'memoryGb', type: 'float' },
    { name: 'memoryBandwidthTBs', type: 'float' },
    { name: 'bf16DenseTflops', type: 'float' },
    { name: 'interconnectBandwidthGBs', type: 'float' },
    { name: 'tdpWatts', type: 'float' },
    { name: 'tpp', type: 'float' },
    { name: 'eccn', type: 'string' },
    { name: 'processNm', type: 'float' },
  ],
  DataCenter: [
    { name: 'city', type: 'string' },
    { name: 'powerMw', type: 'float' },
    { name: 'status', type: 'string', values: DATA_CENTER_STATUSES },
    { name: 'operationalDate', type: 'date' },
    { name: 'aggregate', type: 'boolean' },
  ],
  Regulation: [
    { name: 'issuer', type: 'string' },
    { name: 'jurisdiction', type: 'string' },
    { name: 'citation', type: 'string' },
    { name: 'documentNumber', type: 'string' },
    { name: 'publishedDate', type: 'date' },
    { name: 'effectiveDate', type: 'date' },
    { name: 'rescindedDate', type: 'date' },
    { name: 'eccns', type: 'string', list: true },
    { name: 'thresholds', type: 'string' },
    { name: 'url', type: 'string' },
  ],
  Country: [{ name: 'isoCode', type: 'string' }],
  Source: [
    { name: 'title', type: 'string' },
    { name: 'publisher', type: 'string' },
    { name: 'url', type: 'string' },
    { name: 'publishedDate', type: 'date' },
    { name: 'language', type: 'string' },
  ],
};

export interface RelationshipSpec {
  readonly type: string;
  readonly from: readonly EntityKind[];
  readonly to: readonly EntityKind[];
  /** GraphQL field on the `from` kinds listing the `to` neighbours. */
  readonly outField: string;
  /** GraphQL field on the `to` kinds listing the `from` neighbours (same as outField when symmetric). */
  readonly inField: string;
  /** Symmetric relationships are stored once and read in both directions. */
  readonly symmetric?: boolean;
  /** A `from` entity has at most one such neighbour: outField is a single value, not a list. */
  readonly outSingle?: boolean;
  /** Properties specific to this relationship type, beyond the common ones. */
  readonly properties: readonly PropertySpec[];
  /** What the relationship asserts, for the SDL and the docs. */
  readonly description: string;
}

/** Properties every relationship carries. */
export const COMMON_RELATIONSHIP_PROPERTIES: readonly PropertySpec[] = [
  { name: 'sources', type: 'string', list: true },
  { name: 'validFrom', type: 'date' },
  { name: 'validTo', type: 'date' },
  { name: 'confidence', type: 'string', values: CONFIDENCE_LEVELS },
  { name: 'notes', type: 'string' },
];

const rel = (
  type: string,
  from: readonly EntityKind[],
  to: readonly EntityKind[],
  outField: string,
  inField: string,
  description: string,
  properties: readonly PropertySpec[] = [],
  flags: { symmetric?: boolean; outSingle?: boolean } = {},
): RelationshipSpec => ({ type, from, to, outField, inField, description, properties, ...flags });

export const RELATIONSHIP_TYPES: readonly RelationshipSpec[] = [
  rel('DEVELOPS', ['Company'], ['Model'], 'models', 'developers', 'The company develops the model.'),
  rel('TRAINED_ON', ['Model'], ['Chip'], 'trainingChips', 'trainedModels', 'The model was trained on the chip.', [
    { name: 'chipCount', type: 'int' },
    { name: 'gpuHours', type: 'float' },
  ]),
  rel('TRAINED_AT', ['Model'], ['DataCenter'], 'trainingSites', 'trainedModels', 'The model was trained at the data center.'),
  rel('FINE_TUNED_FROM', ['Model'], ['Model'], 'baseModels', 'derivedModels', 'The model was fine-tuned from a base model.'),
  rel('DESIGNS', ['Company'], ['Chip'], 'designedChips', 'designers', 'The company designs the chip.'),
  rel('MANUFACTURES', ['Company'], ['Chip'], 'manufacturedChips', 'manufacturers', 'The company fabricates the chip.', [
    { name: 'processNode', type: 'string' },
  ]),
  rel('OPERATES', ['Company'], ['DataCenter'], 'operatedDataCenters', 'operators', 'The company operates the data center.'),
  rel('RENTS_CAPACITY_AT', ['Company'], ['DataCenter'], 'rentedDataCenters', 'tenants', 'The company rents compute capacity at the data center.'),
  rel('EQUIPPED_WITH', ['DataCenter'], ['Chip'], 'chips', 'dataCenters', 'The data center is equipped with the chip.', [
    { name: 'chipCount', type: 'int' },
  ]),
  rel('LOCATED_IN', ['DataCenter'], ['Country'], 'country', 'dataCenters', 'The data center is located in the country.', [], { outSingle: true }),
  rel('HEADQUARTERED_IN', ['Company'], ['Country'], 'headquarters', 'companies', 'The company is headquartered in the country.', [], { outSingle: true }),
  rel('SUBSIDIARY_OF', ['Company'], ['Company'], 'parents', 'subsidiaries', 'The company is a subsidiary of another.'),
  rel('PARTNERS_WITH', ['Company'], ['Company'], 'partners', 'partners', 'The companies work together.', [], { symmetric: true }),
  rel('ISSUED_BY', ['Regulation'], ['Company', 'Country'], 'issuers', 'issuedRegulations', 'The regulation was issued by the agency or government.'),
  rel('RESTRICTS', ['Regulation'], ['Chip'], 'restricts', 'restrictedBy', 'The regulation restricts exports of the chip.', [
    { name: 'licenseRequirement', type: 'string' },
  ]),
  rel('APPLIES_TO', ['Regulation'], ['Country'], 'destinations', 'regulations', 'The regulation covers exports to the destination country.'),
  rel('AMENDS', ['Regulation'], ['Regulation'], 'amends', 'amendedBy', 'The regulation amends an earlier one.'),
  rel('RESCINDS', ['Regulation'], ['Regulation'], 'rescinds', 'rescindedBy', 'The regulation rescinds an earlier one.'),
  rel('LISTS', ['Regulation'], ['Company'], 'listedEntities', 'listedBy', 'The regulation adds the company to a restricted-party list (such as the Entity List).'),
  rel('PROSECUTES', ['Company'], ['Company'], 'prosecutes', 'prosecutedBy', 'The agency prosecutes the company or its people.'),
];

export const RELATIONSHIP_TYPE_NAMES = RELATIONSHIP_TYPES.map((r) => r.type);

const byType = new Map(RELATIONSHIP_TYPES.map((r) => [r.type, r]));

/** A relationship field of a kind: the relationship it lists, from which end, and whether it holds one neighbour. */
export interface RelationshipField {
  readonly field: string;
  readonly spec: RelationshipSpec;
  readonly direction: 'OUT' | 'IN';
  readonly single: boolean;
}

/** The relationship fields of a kind, both directions (a symmetric relationship gives one field). */
export function relationshipFieldsOf(kind: EntityKind): RelationshipField[] {
  const fields: RelationshipField[] = [];
  for (const spec of RELATIONSHIP_TYPES) {
    if (spec.from.includes(kind)) fields.push({ field: spec.outField, spec, direction: 'OUT', single: spec.outSingle ?? false });
    if (spec.to.includes(kind) && !spec.symmetric) fields.push({ field: spec.inField, spec, direction: 'IN', single: false });
  }
  return fields;
}

/** The relationship spec for a type name, or undefined for a name the ontology does not know. */
export function relationshipSpec(type: string): RelationshipSpec | undefined {
  return byType.get(type);
}

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

/** Every property an entity of this kind may carry (common ones first). */
export function propertiesOf(kind: EntityKind): readonly PropertySpec[] {
  return [...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]];
}

/** Entity ids are lower-case slugs: letters, digits and single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
