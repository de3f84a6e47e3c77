import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterCertainty, modelConfidence } from '../../src/ingest/importers/epoch-confidence.js';
import { parseImport } from '../../src/ingest/importers/index.js';
import { parseProvenance, reciteProvenance, serialiseProvenance } from '../../src/graph/value-provenance.js';
import { mergeEntity } from '../../src/store/merge.js';
import { findDisagreements } from '../../src/ingest/importers/disagreements.js';
import type { EntityRecord } from '../../src/store/graph-records.js';

const read = (name: string): string => readFileSync(new URL(`../fixtures/epoch/${name}`, import.meta.url), 'utf8');
const provenanceOf = (content: string, name: string): ReturnType<typeof parseProvenance> =>
  parseProvenance(parseImport('AUTO', content).draft.entities.find((e) => e.name === name)?.props.valueProvenance);

describe('the provenance of each value', () => {
  it("maps Epoch's model Confidence column onto a confidence, and only Speculative onto an estimate", () => {
    expect(modelConfidence('Confident')).toEqual({ confidence: 'high', estimate: false });
    expect(modelConfidence('Likely')).toEqual({ confidence: 'medium', estimate: false });
    expect(modelConfidence('Speculative')).toEqual({ confidence: 'low', estimate: true });
    expect(modelConfidence('Unknown')).toEqual({ confidence: null, estimate: false });
    expect(modelConfidence(null)).toEqual({ confidence: null, estimate: false });
  });

  it("maps a cluster's Certainty onto a confidence, Unlikely being an estimate", () => {
    expect(clusterCertainty('Confirmed')).toEqual({ confidence: 'high', estimate: false });
    expect(clusterCertainty('Likely')).toEqual({ confidence: 'medium', estimate: false });
    expect(clusterCertainty('Unlikely')).toEqual({ confidence: 'low', estimate: true });
    expect(clusterCertainty('')).toEqual({ confidence: null, estimate: false });
  });

  it("gives a Speculative model's parameters LOW confidence, marked as an estimate and dated by the row", () => {
    expect(provenanceOf(read('notable_ai_models_sample.csv'), 'QwQ-32B').parameters).toEqual({
      source: 'src-epoch-notable-models',
      confidence: 'low',
      asOf: '2025-03-06',
      estimate: true,
    });
  });

  it('claims no confidence for a value Epoch marks Unknown, and none for a value the row lacks', () => {
    const confident = provenanceOf(read('notable_ai_models_sample.csv'), 'DeepSeek-R1');
    expect(confident.parameters?.confidence).toBe('high');
    expect(provenanceOf(read('notable_ai_models_sample.csv'), 'GPT-4.5').parameters).toBeUndefined();
  });

  it("carries a cluster's Certainty Note on its power", () => {
    expect(provenanceOf(read('gpu_clusters_sample.csv'), 'YTL AI Johor').powerMw).toEqual({
      source: 'src-epoch-gpu-clusters',
      confidence: 'medium',
      note: 'Plans to use Blackwell chips',
    });
  });

  it('keeps the entry of the value a fill-mode merge keeps, and takes the entry of a value it fills', () => {
    const existing: EntityRecord = { id: 'm', kind: 'Model', name: 'M', sources: ['seed'], parameters: 1 };
    const incoming: EntityRecord = {
      id: 'm',
      kind: 'Model',
      name: 'M',
      sources: ['epoch'],
      parameters: 2,
      trainingComputeFlop: 3,
      valueProvenance: JSON.stringify({ parameters: { source: 'epoch', confidence: 'low' }, trainingComputeFlop: { source: 'epoch', confidence: 'low' } }),
    };
    const merged = parseProvenance(mergeEntity(existing, incoming, 'fill').valueProvenance);
    expect(Object.keys(merged)).toEqual(['trainingComputeFlop']);
  });

  it("cites a manifest file's Source and dates an undated entry by the snapshot's day, keeping a row's own date", () => {
    const stored = JSON.stringify({
      powerMw: { source: 'parser', confidence: 'medium' },
      parameters: { source: 'parser', confidence: 'low', asOf: '2025-03-06' },
    });
    expect(parseProvenance(reciteProvenance(stored, 'src-dataset', '2026-05-01', ['parser']))).toEqual({
      parameters: { source: 'src-dataset', confidence: 'low', asOf: '2025-03-06' },
      powerMw: { source: 'src-dataset', confidence: 'medium', asOf: '2026-05-01' },
    });
  });

  it('stores a dated entry with a note the same way however it was built, so merging it again changes nothing', () => {
    const stored = reciteProvenance('{"powerMw":{"source":"parser","confidence":"high","note":"Submitted."}}', 'src-dataset', '2025-06-01', ['parser'])!;
    expect(serialiseProvenance(parseProvenance(stored))).toBe(stored);
    const existing: EntityRecord = { id: 'dc', kind: 'DataCenter', name: 'DC', sources: ['src-dataset'], powerMw: 29.58, valueProvenance: stored };
    const again = { ...existing, valueProvenance: '{"powerMw":{"source":"src-dataset","confidence":"high","note":"Submitted."}}' };
    expect(mergeEntity(existing, again, 'fill').valueProvenance).toBe(stored);
  });

  it('records no disagreement over provenance when a second snapshot offers the same figures', () => {
    const content = read('notable_ai_models_sample.csv');
    const first = parseImport('EPOCH_MODELS', content).draft;
    const stored = '{"parameters":{"source":"other","confidence":"high"}}';
    const existing = new Map<string, EntityRecord>(
      first.entities.map((e) => [e.ref, { ...e.props, id: e.ref, kind: e.kind, name: e.name, sources: ['other'], valueProvenance: stored }]),
    );
    const idOf = new Map(first.entities.map((e) => [e.ref, e.ref]));
    const found = findDisagreements(first, idOf, existing, [], new Map());
    expect(found.filter((d) => d.field === 'valueProvenance')).toEqual([]);
  });
});
