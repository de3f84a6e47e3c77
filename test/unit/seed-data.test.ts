import { describe, expect, it } from 'vitest';
import { readSeedGraph } from '../../src/ingest/seed.js';

const graph = readSeedGraph();
const byId = new Map(graph.entities.map((e) => [e.id, e]));

describe('the seed graph', () => {
  it('is valid against the ontology, with at least 100 entities and 250 relationships', () => {
    expect(graph.entities.length).toBeGreaterThanOrEqual(100);
    expect(graph.relationships.length).toBeGreaterThanOrEqual(250);
  });

  it('cites an existing Source for every entity and every relationship', () => {
    for (const e of graph.entities.filter((x) => x.kind !== 'Source')) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) expect(byId.get(s)?.kind, `${e.id} cites ${s}`).toBe('Source');
    }
    for (const r of graph.relationships) {
      for (const s of r.sources) expect(byId.get(s)?.kind, `${r.type} ${r.from}->${r.to} cites ${s}`).toBe('Source');
    }
  });

  it('marks the reported rentals of Alibaba and ByteDance as low confidence', () => {
    const rentals = graph.relationships.filter((r) => r.type === 'RENTS_CAPACITY_AT' && ['alibaba', 'bytedance'].includes(r.from));
    expect(rentals.length).toBeGreaterThanOrEqual(4);
    for (const r of rentals) expect(r.confidence).toBe('low');
  });

  it('dates the H20 restriction to April 2025', () => {
    const h20 = graph.relationships.find((r) => r.type === 'RESTRICTS' && r.to === 'nvidia-h20');
    expect(h20?.validFrom).toMatch(/^2025-04-/);
  });
});
