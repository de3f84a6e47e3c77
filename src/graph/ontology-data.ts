/**
 * The ontology of the graph, as data: the entity kinds with their properties and the relationship types with
 * their endpoints, field names and properties, each with the description the API shows. `ontology.ts` derives
 * the lookups from it; `generate-sdl.ts` writes the per-kind GraphQL schema from it. A new kind or property is
 * an edit here (and in `data/`), nothing else.
 */

export const ENTITY_KINDS = ['Company', 'Model', 'Chip', 'DataCenter', 'Observation', 'Regulation', 'Country', 'Source'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Scalar types a property can have; `list` marks a list of that scalar. */
export type PropertyType = 'string' | 'int' | 'float' | 'boolean' | 'date';

/** One value of an enum property: as stored, as named in GraphQL, and what it means. */
export interface EnumValueSpec {
  readonly value: string;
  readonly name: string;
  readonly description: string;
}

/** A closed set of values a property may take, shown in GraphQL as an enum with a filter input of its own. */
export interface EnumSpec {
  readonly name: string;
  readonly description: string;
  readonly values: readonly EnumValueSpec[];
  /** Descriptions of the enum's filter input (key '') and of its fields. */
  readonly filter: Readonly<Record<string, string>>;
}

export interface PropertySpec {
  readonly name: string;
  readonly type: PropertyType;
  readonly list?: boolean;
  /** What the property holds, for the SDL (required of every ontology property; the generator checks). */
  readonly description?: string;
  /** The enum the property's values come from. */
  readonly enum?: EnumSpec;
  /** Allowed values (the enum's stored values), for validation. */
  readonly values?: readonly string[];
  /** Smallest allowed value of a number (counts and measures are never negative). */
  readonly min?: number;
}

/** An entity kind: its GraphQL names and descriptions, and its own properties. */
export interface KindSpec {
  readonly name: EntityKind;
  /** Description of the GraphQL type. */
  readonly description: string;
  /** Description of the kind's `EntityKind` enum value. */
  readonly summary: string;
  /** The kind in a sentence ("company", "AI model"), with its article. */
  readonly noun: string;
  readonly article: 'a' | 'an';
  /** The Query field listing entities of this kind. */
  readonly listField: string;
  readonly properties: readonly PropertySpec[];
}

const enumOf = (
  name: string,
  description: string,
  values: readonly (readonly [string, string])[],
  filter: Record<string, string>,
  toName: (value: string) => string = (v) => v,
): EnumSpec => ({ name, description, filter, values: values.map(([value, d]) => ({ value, name: toName(value), description: d })) });

const enumProperty = (name: string, spec: EnumSpec, description: string, list = false): PropertySpec => ({
  name,
  type: 'string',
  description,
  enum: spec,
  values: spec.values.map((v) => v.value),
  ...(list ? { list } : {}),
});

export const COMPANY_ROLE = enumOf(
  'CompanyRole',
  'What a company does in the supply chain.',
  [
    ['AI_LAB', 'Develops AI models.'],
    ['CHIP_DESIGNER', 'Designs chips.'],
    ['FOUNDRY', 'Fabricates chips.'],
    ['CLOUD_PROVIDER', 'Rents out compute.'],
    ['DATA_CENTER_OPERATOR', 'Operates data centers.'],
    ['HARDWARE_VENDOR', 'Sells servers or systems.'],
    ['GOVERNMENT_AGENCY', 'A government body or agency.'],
    ['RESEARCH_INSTITUTE', 'A university or research institute.'],
    ['DISTRIBUTOR', 'Resells or ships hardware.'],
    ['TELECOM', 'A telecommunications company.'],
    ['INVESTOR', 'Invests in or funds others.'],
  ],
  { '': "Conditions on a company's roles.", includes: 'The company has this role.', includesAny: 'The company has at least one of these roles.' },
);

export const DATA_CENTER_STATUS = enumOf(
  'DataCenterStatus',
  'Construction or operating status of a data center.',
  [
    ['OPERATIONAL', 'Running.'],
    ['UNDER_CONSTRUCTION', 'Being built.'],
    ['PLANNED', 'Announced or planned.'],
    ['DECOMMISSIONED', 'No longer running.'],
  ],
  { '': "Conditions on a data center's status.", eq: 'Equal to.', in: 'One of.' },
);

/** How sure the graph is of a fact; stored lower-case, shown upper-case. */
export const CONFIDENCE = enumOf(
  'Confidence',
  'How sure the graph is of a fact.',
  [
    ['high', 'From a primary source or several reliable reports.'],
    ['medium', 'From one reliable report.'],
    ['low', 'Reported from anonymous sources, unconfirmed.'],
  ],
  {},
  (v) => v.toUpperCase(),
);

const p = (name: string, type: PropertyType, description: string): PropertySpec => ({ name, type, description });
/** A count or a measure: a number that is never negative. */
const measure = (name: string, type: 'int' | 'float', description: string): PropertySpec => ({ name, type, description, min: 0 });

/** Properties every entity has, whatever its kind. */
export const COMMON_PROPERTIES: readonly PropertySpec[] = [
  p('name', 'string', 'Display name.'),
  { name: 'aliases', type: 'string', list: true, description: 'Other names it is known by.' },
  p('description', 'string', 'Short description.'),
];

export const KINDS: readonly KindSpec[] = [
  {
    name: 'Company',
    description: 'A company or public body: chip designer, foundry, cloud or data-center operator, AI lab, government agency.',
    summary: 'A company or public body.',
    noun: 'company',
    article: 'a',
    listField: 'companies',
    properties: [
      enumProperty('roles', COMPANY_ROLE, 'What the company does in the supply chain.', true),
      p('foundedYear', 'int', 'Year the company was founded.'),
      p('website', 'string', 'Official website.'),
    ],
  },
  {
    name: 'Model',
    description: 'An AI model.',
    summary: 'An AI model.',
    noun: 'AI model',
    article: 'an',
    listField: 'models',
    properties: [
      p('releaseDate', 'date', 'Date of public release.'),
      measure('parameters', 'float', 'Total number of parameters.'),
      measure('activeParameters', 'float', 'Parameters active per token (mixture-of-experts models).'),
      p('openWeights', 'boolean', 'Whether the weights are published for download.'),
      measure('trainingComputeFlop', 'float', 'Training compute in floating-point operations (Epoch AI estimate where cited).'),
      p('domain', 'string', 'Domain of the model (language, vision, multimodal...).'),
    ],
  },
  {
    name: 'Chip',
    description: 'An AI accelerator chip (GPU, NPU or TPU).',
    summary: 'An AI accelerator chip.',
    noun: 'chip',
    article: 'a',
    listField: 'chips',
    properties: [
      p('vendor', 'string', 'Company that sells the chip.'),
      p('architecture', 'string', 'Micro-architecture (Hopper, Blackwell, Da Vinci...).'),
      p('releaseDate', 'date', 'Date of public release.'),
      measure('memoryGb', 'float', 'On-package memory in gigabytes.'),
      measure('memoryBandwidthTBs', 'float', 'Memory bandwidth in terabytes per second.'),
      measure('bf16DenseTflops', 'float', 'Dense BF16/FP16 tensor throughput in teraFLOPS.'),
      measure('interconnectBandwidthGBs', 'float', 'Chip-to-chip interconnect bandwidth in gigabytes per second.'),
      measure('tdpWatts', 'float', 'Thermal design power in watts.'),
      measure('tpp', 'float', 'Total processing performance as defined by the US export rules (TOPS × bit length).'),
      p('eccn', 'string', 'Export Control Classification Number under the US EAR (such as 3A090.a).'),
      measure('processNm', 'float', 'Process node in nanometres.'),
      measure('dieAreaMm2', 'float', 'Applicable die area in square millimetres (logic dies), for the performance density of the export rules.'),
      p('designedForDatacenter', 'boolean', 'Whether the chip is designed or marketed for data centers (Note 2 to 3A090).'),
      p(
        'availableInChina',
        'string',
        'Epoch AI\'s own "Available in China" cell for the chip, with its notes, verbatim: a sourced claim kept beside the rules\' derivation, which never reads it.',
      ),
    ],
  },
  {
    name: 'DataCenter',
    description: 'A data center or GPU cluster, or an aggregate standing for unnamed facilities in a country.',
    summary: 'A data center or GPU cluster.',
    noun: 'data center',
    article: 'a',
    listField: 'dataCenters',
    properties: [
      p('city', 'string', 'City or area where the site is.'),
      p(
        'latitude',
        'float',
        'Latitude of the site in decimal degrees (WGS 84, north positive), as geocoded by its source; see valueProvenance for who placed it.',
      ),
      p(
        'longitude',
        'float',
        'Longitude of the site in decimal degrees (WGS 84, east positive), as geocoded by its source; see valueProvenance for who placed it.',
      ),
      measure('powerMw', 'float', 'Power capacity in megawatts.'),
      enumProperty('status', DATA_CENTER_STATUS, 'Construction or operating status.'),
      p('operationalDate', 'date', 'Date the site first became operational.'),
      p('aggregate', 'boolean', 'True when this node stands for unnamed facilities reported in a country rather than one named site.'),
      measure('h100Equivalents', 'float', 'Compute capacity in H100-equivalents (Epoch AI estimate where cited), as of its source.'),
      measure('capitalCostUsdBn', 'float', 'Total capital cost in billions of 2025 US dollars (Epoch AI estimate where cited), as of its source.'),
      measure('top500Rank', 'int', "The system's rank on the TOP500 list its source is (1 is the fastest), as of that list."),
      measure('rmaxPflops', 'float', "The system's measured LINPACK performance (Rmax) in PFLOP/s on the TOP500 list its source is."),
    ],
  },
  {
    name: 'Observation',
    description:
      "A dated reading of a data center's capacity from a source: power, H100-equivalents and construction status on one day. `projected` readings are the source's forecast, not observations.",
    summary: "A dated reading of a data center's capacity.",
    noun: 'observation',
    article: 'an',
    listField: 'observations',
    properties: [
      p('observedDate', 'date', 'The day the reading is for.'),
      p('projected', 'boolean', "True when the reading is the source's projection of a future day, not something observed."),
      measure('powerMw', 'float', 'Facility power in megawatts on that day.'),
      measure('itPowerMw', 'float', 'IT power in megawatts on that day.'),
      measure('h100Equivalents', 'float', 'Compute capacity in H100-equivalents on that day.'),
      measure('buildingsOperational', 'float', 'Buildings operational on that day.'),
      measure('capitalCostUsdBn', 'float', 'Total capital cost to that day in billions of 2025 US dollars.'),
      p('statusNote', 'string', 'Construction status on that day, as the source words it.'),
    ],
  },
  {
    name: 'Regulation',
    description: 'A rule, licence requirement or official guidance that governs exports of chips or compute.',
    summary: 'A rule or licence requirement.',
    noun: 'regulation',
    article: 'a',
    listField: 'regulations',
    properties: [
      p('issuer', 'string', 'Agency or government that issued the rule.'),
      p('jurisdiction', 'string', 'Jurisdiction whose law the rule is.'),
      p('citation', 'string', 'Official citation (for example 87 FR 62186).'),
      p('documentNumber', 'string', 'Document number (for example Federal Register document 2022-21658).'),
      p('publishedDate', 'date', 'Date of publication.'),
      p('effectiveDate', 'date', 'Date the rule took effect.'),
      p('rescindedDate', 'date', 'Date the rule was rescinded, if it was.'),
      { name: 'eccns', type: 'string', list: true, description: 'Export Control Classification Numbers the rule creates or changes.' },
      p('thresholds', 'string', 'The performance thresholds the rule sets, in short.'),
      p('url', 'string', 'Where to read it.'),
    ],
  },
  {
    name: 'Country',
    description: 'A country or territory.',
    summary: 'A country or territory.',
    noun: 'country',
    article: 'a',
    listField: 'countries',
    properties: [p('isoCode', 'string', 'ISO 3166-1 alpha-2 code.')],
  },
  {
    name: 'Source',
    description: 'A document that facts in the graph rest on.',
    summary: 'A document facts rest on.',
    noun: 'source',
    article: 'a',
    listField: 'sources',
    properties: [
      p('title', 'string', 'Title of the document.'),
      p('publisher', 'string', 'Who published it.'),
      p('url', 'string', 'Where to read it.'),
      p('publishedDate', 'date', 'Date of publication.'),
      p('language', 'string', 'Language of the document (BCP 47 code such as en or pl).'),
    ],
  },
];

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
  { name: 'sources', type: 'string', list: true, description: 'The sources that assert it.' },
  p('validFrom', 'date', 'First day it held, if known.'),
  p('validTo', 'date', 'Day it stopped holding (exclusive), if it did.'),
  enumProperty('confidence', CONFIDENCE, 'How sure the graph is of it.'),
  p('notes', 'string', 'Free-text notes (such as how a figure was reported).'),
];

const chipCount = measure('chipCount', 'int', 'Number of chips');

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
    chipCount,
    measure('gpuHours', 'float', 'GPU-hours of training'),
  ]),
  rel('TRAINED_AT', ['Model'], ['DataCenter'], 'trainingSites', 'trainedModels', 'The model was trained at the data center.'),
  rel('FINE_TUNED_FROM', ['Model'], ['Model'], 'baseModels', 'derivedModels', 'The model was fine-tuned from a base model.'),
  rel('DESIGNS', ['Company'], ['Chip'], 'designedChips', 'designers', 'The company designs the chip.'),
  rel('MANUFACTURES', ['Company'], ['Chip'], 'manufacturedChips', 'manufacturers', 'The company fabricates the chip.', [
    p('processNode', 'string', 'Process node used'),
  ]),
  rel('OPERATES', ['Company'], ['DataCenter'], 'operatedDataCenters', 'operators', 'The company operates the data center.'),
  rel('RENTS_CAPACITY_AT', ['Company'], ['DataCenter'], 'rentedDataCenters', 'tenants', 'The company rents compute capacity at the data center.'),
  rel('EQUIPPED_WITH', ['DataCenter'], ['Chip'], 'chips', 'dataCenters', 'The data center is equipped with the chip.', [chipCount]),
  rel(
    'OBSERVED_AS',
    ['DataCenter'],
    ['Observation'],
    'observations',
    'dataCenters',
    "The data center's capacity as a dated reading shows it; each holds from its day until the next reading (read one day with asOf).",
  ),
  rel('LOCATED_IN', ['DataCenter'], ['Country'], 'country', 'dataCenters', 'The data center is located in the country.', [], { outSingle: true }),
  rel('HEADQUARTERED_IN', ['Company'], ['Country'], 'headquarters', 'companies', 'The company is headquartered in the country.', [], { outSingle: true }),
  rel('SUBSIDIARY_OF', ['Company'], ['Company'], 'parents', 'subsidiaries', 'The company is a subsidiary of another.'),
  rel('PARTNERS_WITH', ['Company'], ['Company'], 'partners', 'partners', 'The companies work together.', [], { symmetric: true }),
  rel('ISSUED_BY', ['Regulation'], ['Company', 'Country'], 'issuers', 'issuedRegulations', 'The regulation was issued by the agency or government.'),
  rel('RESTRICTS', ['Regulation'], ['Chip'], 'restricts', 'restrictedBy', 'The regulation restricts exports of the chip.', [
    p('licenseRequirement', 'string', 'Licence requirement or policy'),
    {
      ...p(
        'basis',
        'string',
        "DERIVED when the rules derived it from the chip's specs (written by the actor rules); unset or ASSERTED when sources assert it.",
      ),
      values: ['ASSERTED', 'DERIVED'],
    },
    p('paragraph', 'string', 'The ECCN paragraph a derived restriction rests on (3A090.a), if any.'),
    p('criterion', 'string', 'The criterion a derived restriction met (3A090.a.1: TPP ≥ 4,800).'),
    p('evidence', 'string', 'The numbers that met it (TPP 15,832 ≥ 4,800).'),
  ]),
  rel('APPLIES_TO', ['Regulation'], ['Country'], 'destinations', 'regulations', 'The regulation covers exports to the destination country.'),
  rel('AMENDS', ['Regulation'], ['Regulation'], 'amends', 'amendedBy', 'The regulation amends an earlier one.'),
  rel('RESCINDS', ['Regulation'], ['Regulation'], 'rescinds', 'rescindedBy', 'The regulation rescinds an earlier one.'),
  rel(
    'LISTS',
    ['Regulation'],
    ['Company'],
    'listedEntities',
    'listedBy',
    'The regulation adds the company to a restricted-party list (such as the Entity List).',
    [
      p('citation', 'string', 'Federal Register citation(s) of the listing, as the list gives them'),
      p('licenseRequirement', 'string', 'Licence requirement the list sets for the entry, as the list states it'),
      p('countries', 'string', 'Countries under which the list names the entry, comma-separated'),
    ],
  ),
  rel('PROSECUTES', ['Company'], ['Company'], 'prosecutes', 'prosecutedBy', 'The agency prosecutes the company or its people.'),
];

/**
 * A relationship field that is not one end of a relationship type but a view of one: `Model.developer`, the
 * first of the model's developers by name.
 */
export interface DerivedRelationFieldSpec {
  readonly kind: EntityKind;
  readonly field: string;
  readonly type: string;
  readonly direction: 'OUT' | 'IN';
  readonly description: string;
}

export const DERIVED_RELATION_FIELDS: readonly DerivedRelationFieldSpec[] = [
  {
    kind: 'Model',
    field: 'developer',
    type: 'DEVELOPS',
    direction: 'IN',
    description: 'The developer, or the first by name when several develop the model together (see developers).',
  },
];
