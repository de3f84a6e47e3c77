import { DraftBuilder, countryName } from './draft-builder.js';
import type { Draft } from './draft.js';
import type { ColumnSpec, CsvTable, RowReader } from './csv-table.js';
import { parseEpochTable } from './epoch-table.js';
import { modelConfidence } from './epoch-confidence.js';
import { provenanceFor } from '../../graph/value-provenance.js';

export const EPOCH_MODELS_SOURCE = 'src-epoch-notable-models';

/** Columns this importer reads, with the header variants Epoch has used ("System" in the 2023 view). */
export const MODEL_COLUMNS = {
  model: ['Model', 'System'],
  organization: ['Organization'],
  category: ['Organization categorization'],
  country: ['Country (from Organization)', 'Country (of organization)'],
  date: ['Publication date'],
  parameters: ['Parameters'],
  compute: ['Training compute (FLOP)'],
  hardware: ['Training hardware'],
  quantity: ['Hardware quantity'],
  base: ['Base model'],
  domain: ['Domain'],
  accessibility: ['Model accessibility'],
  confidence: ['Confidence'],
} as const satisfies ColumnSpec<string>;

/** Columns Epoch publishes that the ontology has no place for; read past without a warning. */
const IGNORED = [
  'Authors',
  'Reference',
  'Link',
  'Citations',
  'Notability criteria',
  'Notability criteria notes',
  'Parameters notes',
  'Training compute notes',
  'Training dataset',
  'Training dataset notes',
  'Training dataset size (datapoints)',
  'Dataset size notes',
  'Epochs',
  'Training time (hours)',
  'Training time notes',
  'Hardware utilization',
  'Training compute cost (2023 USD)',
  'Compute cost notes',
  'Abstract',
  'Finetune compute (FLOP)',
  'Finetune compute notes',
  'Batch size',
  'Batch size notes',
  'Training code accessibility',
  'Inference code accessibility',
  'Accessibility notes',
  'Frontier model',
  'Training power draw (W)',
  'Training compute estimation method',
];

type Column = keyof typeof MODEL_COLUMNS;

function openWeights(value: string | null): boolean | null {
  if (!value) return null;
  if (/^open weights/i.test(value)) return true;
  return /^(api access|hosted access|unreleased)/i.test(value) ? false : null;
}

/** The figures Epoch's Confidence column speaks for. */
const FIGURES = ['parameters', 'trainingComputeFlop'];

function addModel(b: DraftBuilder, r: RowReader<Column>, name: string, at: string): void {
  const props: Record<string, unknown> = {
    releaseDate: r.date('date'),
    parameters: r.number('parameters'),
    trainingComputeFlop: r.number('compute'),
    domain: r.list('domain')[0] ?? null,
    openWeights: openWeights(r.text('accessibility')),
  };
  const asOf = typeof props.releaseDate === 'string' ? props.releaseDate : undefined;
  const valueProvenance = provenanceFor(props, FIGURES, { source: EPOCH_MODELS_SOURCE, ...modelConfidence(r.text('confidence')), asOf });
  const model = b.entity('Model', name, { ...props, valueProvenance }, at);
  const orgs = r.list('organization');
  const categories = r.list('category');
  const countries = r.list('country');
  orgs.forEach((org, i) => {
    const roles = categories.length === orgs.length ? [categories[i] === 'Academia' ? 'RESEARCH_INSTITUTE' : 'AI_LAB'] : ['AI_LAB'];
    const company = b.entity('Company', org, { roles }, at);
    b.relationship('DEVELOPS', company, model, {}, at);
    // Epoch lists one country per organisation, in the same order; anything else cannot be paired safely.
    const country = countries.length === orgs.length ? countryName(countries[i]!) : null;
    if (country) b.relationship('HEADQUARTERED_IN', company, b.entity('Country', country, {}, at), {}, at);
  });
  const chips = r.list('hardware');
  const quantity = r.number('quantity');
  for (const chip of chips) {
    const chipCount = chips.length === 1 && quantity !== null ? Math.round(quantity) : null;
    b.relationship('TRAINED_ON', model, b.entity('Chip', chip, {}, at), { chipCount }, at);
  }
  const base = r.text('base');
  if (base && base !== name) b.relationship('FINE_TUNED_FROM', model, b.entity('Model', base, {}, at), {}, at);
}

/**
 * Epoch AI's Notable (or Large-Scale) AI Models table: models, their developers and the developers' countries,
 * the chips they were trained on (with the count when one chip type is given) and their base models.
 */
export const parseEpochModels = (table: CsvTable): Draft =>
  parseEpochTable(table, { source: EPOCH_MODELS_SOURCE, columns: MODEL_COLUMNS, ignored: IGNORED, nameColumn: 'model', noun: 'model', add: addModel });
