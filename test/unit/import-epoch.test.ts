import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/ingest/importers/csv-table.js';
import { countryName } from '../../src/ingest/importers/draft-builder.js';
import { parseImport } from '../../src/ingest/importers/index.js';

const FIXTURES = new URL('../fixtures/epoch/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const HARDWARE = read('ml_hardware_2025-12.csv');
const MODELS = read('notable_ai_models_sample.csv');
const CLUSTERS = read('gpu_clusters_sample.csv');

/** The file with its header line rewritten. */
const withHeader = (content: string, rename: Record<string, string>): string => {
  const [header, ...rest] = content.split('\n');
  const renamed = header!
    .split(',')
    .map((h) => rename[h] ?? h)
    .join(',');
  return [renamed, ...rest].join('\n');
};

describe('parsing the Epoch AI tables', () => {
  it('recognises each Epoch table by its header', () => {
    expect(parseImport('AUTO', HARDWARE).format).toBe('EPOCH_HARDWARE');
    expect(parseImport('AUTO', MODELS).format).toBe('EPOCH_MODELS');
    expect(parseImport('AUTO', CLUSTERS).format).toBe('EPOCH_CLUSTERS');
    expect(parseImport('AUTO', read('data_center_timelines_2025-12.csv')).format).toBe('EPOCH_DATA_CENTER_TIMELINES');
  });

  it('reads every fixture row without a problem and knows every column', () => {
    for (const content of [HARDWARE, MODELS, CLUSTERS]) {
      const { draft } = parseImport('AUTO', content);
      expect(draft.issues).toEqual([]);
      expect(draft.unknownColumns).toEqual([]);
    }
  });

  it('reads the 2024 ML Hardware header ("Name of the hardware", "Tensor-FP16 performance") like the 2025 one', () => {
    const old = withHeader(HARDWARE, {
      'Hardware name': 'Name of the hardware',
      'Tensor-FP16/BF16 performance (FLOP/s)': 'Tensor-FP16 performance (FLOP/s)',
      'Transistors (millions)': 'Number of transistors (millions)',
    });
    expect(parseImport('EPOCH_HARDWARE', old).draft.entities).toEqual(parseImport('EPOCH_HARDWARE', HARDWARE).draft.entities);
  });

  it('reads the 2023 models view that calls the model column "System"', () => {
    const old = withHeader(MODELS, { Model: 'System' });
    expect(parseImport('AUTO', old).draft.entities).toEqual(parseImport('AUTO', MODELS).draft.entities);
  });

  it('names the columns it cannot place, and still imports the rest', () => {
    const { draft } = parseImport('EPOCH_HARDWARE', withHeader(HARDWARE, { Notes: 'Vibes' }));
    expect(draft.unknownColumns).toEqual(['Vibes']);
    expect(draft.issues).toEqual([]);
  });

  it('reports a bad cell with its row and column', () => {
    const target = readCsv(CLUSTERS).rows.find((r) => r.cells.get('First Operational Date'))!;
    const date = target.cells.get('First Operational Date')!;
    const { draft } = parseImport('EPOCH_CLUSTERS', CLUSTERS.replaceAll(`,${date},`, ',31/31/2024,'));
    expect(draft.issues).toContainEqual({
      code: 'INVALID_VALUE',
      field: `rows[${target.row}].First Operational Date`,
      message: `row ${target.row}, column "First Operational Date": "31/31/2024" is not a date (expected YYYY-MM-DD or M/D/YYYY)`,
    });
  });

  it('refuses a file without the column that names each record', () => {
    const { draft } = parseImport('EPOCH_HARDWARE', 'Manufacturer,TDP (W)\nNVIDIA,700\n');
    expect(draft.issues).toEqual([expect.objectContaining({ code: 'UNREADABLE_FILE', field: 'header' })]);
  });

  it('keeps Epoch\'s "Available in China" cell and its notes on the chip, credited to the file, where the file has the column', () => {
    const withColumn = [
      'Hardware name,Manufacturer,Release date,Available in China,Available in China Notes',
      'NVIDIA H100 SXM5 80GB,NVIDIA,2022-09-20,No,Licence required (test cell)',
      'NVIDIA V100 (test row),NVIDIA,2017-06-21,,',
    ].join('\n');
    const chips = parseImport('EPOCH_HARDWARE', withColumn).draft.entities;
    const h100 = chips.find((e) => e.name === 'NVIDIA H100 SXM5 80GB')!;
    expect(h100.props.availableInChina).toBe('No: Licence required (test cell)');
    expect(h100.sources).toEqual(['src-epoch-ml-hardware']);
    expect(chips.filter((e) => e.kind === 'Chip' && e.props.availableInChina != null)).toHaveLength(1);
    expect(parseImport('EPOCH_HARDWARE', HARDWARE).draft.entities.find((e) => e.name === h100.name)!.props.availableInChina).toBeNull();
  });

  it('converts ML Hardware units: bit-OP/s to TPP, bytes to GB, FLOP/s to TFLOPS', () => {
    const h100 = parseImport('AUTO', HARDWARE).draft.entities.find((e) => e.name === 'NVIDIA H100 SXM5 80GB')!;
    expect(h100.props).toMatchObject({ vendor: 'NVIDIA', tpp: 15832, memoryGb: 80, tdpWatts: 700 });
    expect(h100.sources).toEqual(['src-epoch-ml-hardware']);
  });

  it('maps a model row to developers, countries, training chips with counts and a base model', () => {
    const { draft } = parseImport('AUTO', MODELS);
    const rels = (from: string) => draft.relationships.filter((r) => r.from === from || r.to === from).map((r) => [r.type, r.from, r.to, r.props]);
    expect(rels('Model:deepseekv3')).toEqual(
      expect.arrayContaining([
        ['DEVELOPS', 'Company:deepseek', 'Model:deepseekv3', {}],
        ['TRAINED_ON', 'Model:deepseekv3', 'Chip:nvidiah800sxm5', { chipCount: 2048 }],
        ['FINE_TUNED_FROM', 'Model:deepseekr1', 'Model:deepseekv3', {}],
      ]),
    );
    const hq = draft.relationships.filter((r) => r.type === 'HEADQUARTERED_IN' && r.from === 'Company:shanghaiailab');
    expect(hq.map((r) => r.to)).toEqual(['Country:china']);
  });

  it('pairs organisations with countries only when Epoch gives one country per organisation', () => {
    const { draft } = parseImport('AUTO', MODELS);
    // InternLM lists two organisations and three countries: no headquarters can be inferred from it.
    expect(draft.relationships.some((r) => r.type === 'HEADQUARTERED_IN' && r.from === 'Company:sensetime')).toBe(false);
    expect(draft.entities.some((e) => e.kind === 'Country' && e.name === 'Multinational')).toBe(false);
  });

  it("uses the graph's country names for Epoch's ISO-style ones", () => {
    expect(countryName('United Kingdom of Great Britain and Northern Ireland')).toBe('United Kingdom');
    expect(countryName('Korea (Republic of)')).toBe('South Korea');
    expect(countryName('Philippines (the)')).toBe('Philippines');
    expect(countryName('Multinational')).toBeNull();
  });

  it.each([
    ['EPOCH_MODELS', 'Model,Organization\n,Meta\nLlama 9,Meta\n', 'no model name'],
    ['EPOCH_HARDWARE', 'Hardware name,Manufacturer\n,NVIDIA\nX100,NVIDIA\n', 'no hardware name'],
    ['EPOCH_CLUSTERS', 'Name,Owner\n,Meta\nBig One,Meta\n', 'no cluster name'],
  ] as const)('in %s, counts and skips a row without a name, saying so, and reads the next', (format, content, reason) => {
    const { draft } = parseImport(format, content);
    expect(draft.issues).toEqual([]);
    expect(draft.records).toBe(2);
    expect(draft.skipped).toEqual([{ at: 'row 2', reason }]);
    expect(draft.entities.map((e) => e.kind)).toContain(format === 'EPOCH_MODELS' ? 'Model' : format === 'EPOCH_HARDWARE' ? 'Chip' : 'DataCenter');
  });

  it('skips the clusters Epoch anonymised, saying why', () => {
    const { draft } = parseImport('AUTO', CLUSTERS);
    expect(draft.skipped).toHaveLength(15);
    expect(draft.entities.some((e) => e.name.startsWith('Anonymized'))).toBe(false);
    const ytl = draft.relationships.filter((r) => r.from === 'DataCenter:ytlaijohor').map((r) => [r.type, r.to, r.props]);
    expect(ytl).toContainEqual(['LOCATED_IN', 'Country:malaysia', {}]);
  });
});
