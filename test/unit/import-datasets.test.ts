import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/ingest/importers/index.js';
import { awsLocation } from '../../src/ingest/importers/cloud-regions-data.js';
import { taggedNames } from '../../src/ingest/importers/epoch-data-centers.js';
import { readManifest } from '../../src/ingest/default-graph.js';
import { readSeedGraph } from '../../src/ingest/seed.js';

const shipped = (file: string): string => readFileSync(new URL(`../../data/datasets/${file}`, import.meta.url), 'utf8');

describe('the shipped dataset importers', () => {
  it('recognises the data-center tables and the cloud listings by their headers', () => {
    expect(parseImport('AUTO', shipped('epoch-ai/data_centers_2026-05.csv')).format).toBe('EPOCH_DATA_CENTERS');
    expect(parseImport('AUTO', shipped('epoch-ai/data_center_timelines_2026-05.csv')).format).toBe('EPOCH_DATA_CENTER_TIMELINES');
    expect(parseImport('AUTO', shipped('aws/aws_gpu_instance_regions_2026-01.csv')).format).toBe('AWS_GPU_REGIONS');
    expect(parseImport('AUTO', shipped('google-cloud/gcp_gpu_vm_regions_subset.csv')).format).toBe('GCP_GPU_REGIONS');
  });

  it('reads every manifest file without a problem, each citing a Source the seed or the file itself defines', () => {
    const seedIds = new Set(readSeedGraph().entities.map((e) => e.id));
    for (const entry of readManifest()) {
      const { draft } = parseImport(entry.importer, shipped(entry.file));
      expect(draft.issues, entry.file).toEqual([]);
      expect(draft.records, entry.file).toBeGreaterThan(40);
      // A screening list's snapshot is a Source its own importer writes (with the list's extraction date).
      const ownSources = new Set(draft.entities.filter((e) => e.kind === 'Source').map((e) => e.id));
      expect(seedIds.has(entry.source) || ownSources.has(entry.source), entry.source).toBe(true);
    }
  }, 60_000);

  it("marks timeline readings after the snapshot's last observed day as projections, at low confidence", () => {
    const { draft } = parseImport('EPOCH_DATA_CENTER_TIMELINES', shipped('epoch-ai/data_center_timelines_2026-05.csv'));
    const observations = draft.entities.filter((e) => e.kind === 'Observation');
    const projected = observations.filter((e) => e.props.projected === true);
    expect(observations).toHaveLength(draft.relationships.length);
    expect(projected.length).toBeGreaterThan(20);
    expect(projected.every((e) => String(e.props.observedDate) > '2026-05-20')).toBe(true);
    expect(observations.filter((e) => !e.props.projected).every((e) => String(e.props.observedDate) <= '2026-05-23')).toBe(true);
    const toProjection = draft.relationships.find((r) => r.to === projected[0]!.ref)!;
    expect(toProjection.props).toMatchObject({ confidence: 'low', notes: expect.stringContaining('projection') });
  });

  it('gives each reading the span until the same site’s next reading', () => {
    const { draft } = parseImport('EPOCH_DATA_CENTER_TIMELINES', shipped('epoch-ai/data_center_timelines_2026-05.csv'));
    const colossus = draft.relationships
      .filter((r) => r.from === 'DataCenter:colossus2')
      .sort((a, b) => String(a.props.validFrom).localeCompare(String(b.props.validFrom)));
    expect(colossus.length).toBeGreaterThan(3);
    colossus.slice(0, -1).forEach((r, i) => expect(r.props.validTo).toBe(colossus[i + 1]!.props.validFrom));
    expect(colossus.at(-1)!.props.validTo).toBeNull();
  });

  it("refuses a timeline without Epoch's current capacity, which tells readings from projections", () => {
    const old = readFileSync(new URL('../fixtures/epoch/data_center_timelines_2025-12.csv', import.meta.url), 'utf8');
    const { format, draft } = parseImport('AUTO', old);
    expect(format).toBe('EPOCH_DATA_CENTER_TIMELINES');
    expect(draft.issues[0]!.message).toContain('Current H100 equivalents');
  });

  it('reads owners as operators and other users as tenants, at the certainty Epoch tags them with', () => {
    expect(taggedNames(['OpenAI #likely', 'Anthropic #speculative', 'Meta #confident', 'CoreWeave'])).toEqual([
      { name: 'OpenAI', confidence: 'medium' },
      { name: 'Anthropic', confidence: 'low' },
      { name: 'Meta', confidence: 'high' },
      { name: 'CoreWeave', confidence: 'medium' },
    ]);
    const { draft } = parseImport('EPOCH_DATA_CENTERS', shipped('epoch-ai/data_centers_2026-05.csv'));
    const rel = (type: string, from: string, to: string) => draft.relationships.find((r) => r.type === type && r.from === from && r.to === to);
    expect(rel('OPERATES', 'Company:amazon', 'DataCenter:anthropicamazonnewcarlisle')?.props.confidence).toBe('high');
    expect(rel('RENTS_CAPACITY_AT', 'Company#anthropic', 'DataCenter:anthropicamazonnewcarlisle')).toBeUndefined();
    expect(rel('RENTS_CAPACITY_AT', 'Company:anthropic', 'DataCenter:anthropicamazonnewcarlisle')?.props.confidence).toBe('high');
    expect(rel('RENTS_CAPACITY_AT', 'Company:meta', 'DataCenter:metaprometheus')).toBeUndefined();
  });

  it('places AWS regions and zones in their countries, a zone abroad in its own', () => {
    expect(awsLocation('ap-southeast-5')).toEqual({ city: 'Kuala Lumpur', country: 'Malaysia' });
    expect(awsLocation('us-east-1-lim-1')).toEqual({ city: 'Lima', country: 'Peru' });
    expect(awsLocation('ap-northeast-1-tpe-1')).toEqual({ city: 'Taipei', country: 'Taiwan' });
    expect(awsLocation('us-west-2-wl1-las1')).toEqual({ city: null, country: 'United States' });
    expect(awsLocation('mars-north-1')).toBeNull();
  });

  it('maps the listings’ accelerator names onto the seed chips, telling the A100 40 GB from the 80 GB part', () => {
    const { draft } = parseImport('AWS_GPU_REGIONS', shipped('aws/aws_gpu_instance_regions_2026-01.csv'));
    const chipsAt = (region: string): string[] =>
      draft.relationships.filter((r) => r.type === 'EQUIPPED_WITH' && r.from === `DataCenter:aws${region}`).map((r) => r.to);
    expect(chipsAt('useast1')).toEqual(expect.arrayContaining(['Chip#nvidia-h100', 'Chip#nvidia-h200', 'Chip:nvidiaa100sxm440gb', 'Chip:nvidiaa100sxm480gb']));
    const gcp = parseImport('GCP_GPU_REGIONS', shipped('google-cloud/gcp_gpu_vm_regions_subset.csv')).draft;
    const singapore = gcp.relationships.filter((r) => r.from === 'DataCenter:googlecloudasiasoutheast1' && r.type === 'EQUIPPED_WITH').map((r) => r.to);
    expect(singapore).toEqual(expect.arrayContaining(['Chip#nvidia-h100', 'Chip#nvidia-a100-sxm4-40gb']));
  });

  it("maps Epoch's chip and organisation spellings onto one entity each", () => {
    const { draft } = parseImport('EPOCH_MODELS', shipped('epoch-ai/notable_ai_models_2026-07.csv'));
    const refs = new Set(draft.entities.map((e) => e.ref));
    for (const ref of ['Company#meta', 'Company#google', 'Company#zhipu-ai', 'Chip#nvidia-a100', 'Chip#nvidia-h100']) expect(refs.has(ref), ref).toBe(true);
    for (const ref of ['Company:facebookairesearch', 'Company:googlebrain', 'Chip:nvidiaa100', 'Chip:nvidiah10080g']) expect(refs.has(ref), ref).toBe(false);
    const generic = draft.relationships.find((r) => r.type === 'TRAINED_ON' && r.to === 'Chip#nvidia-a100' && r.props.notes);
    expect(generic?.props.notes).toContain('without its variant');
  });
});
