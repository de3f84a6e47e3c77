import { describe, expect, it } from 'vitest';
import { readSeedGraph } from '../../src/ingest/seed.js';

const graph = readSeedGraph();
const entity = (id: string): Record<string, unknown> & { sources: string[] } => {
  const found = graph.entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found as unknown as Record<string, unknown> & { sources: string[] };
};
const rels = (type: string, from: string) => graph.relationships.filter((r) => r.type === type && r.from === from);
const url = (id: string): unknown => entity(id).url;

describe('the seed as checked against its sources (docs/data.md, Fixes to the seed)', () => {
  it('dates the H200 and its restriction by the Oct 2023 rule from its first shipments in Q2 2024, citing Nvidia', () => {
    expect(entity('nvidia-h200')).toMatchObject({ releaseDate: '2024-04-01', sources: expect.arrayContaining(['src-nvidia-2023-11-13-h200']) });
    expect(rels('RESTRICTS', 'bis-2023-10-17-ac-s-ifr').find((r) => r.to === 'nvidia-h200')).toMatchObject({ validFrom: '2024-04-01' });
    expect(url('src-nvidia-2023-11-13-h200')).toMatch(/^https:\/\/nvidianews\.nvidia\.com\//);
  });

  it('equips the High-Flyer (Fire-Flyer 2) cluster with PCIe A100s, restricted like the other A100s', () => {
    expect(rels('EQUIPPED_WITH', 'high-flyer-a100-cluster').map((r) => [r.to, r.sources])).toEqual([
      ['nvidia-a100-pcie', ['src-ap-2025-01-28-deepseek-founder', 'src-fire-flyer-ai-hpc-2024']],
    ]);
    const restrictedBy = (chip: string): string[] =>
      graph.relationships
        .filter((r) => r.type === 'RESTRICTS' && r.to === chip)
        .map((r) => r.from)
        .sort();
    expect(restrictedBy('nvidia-a100-pcie')).toEqual(restrictedBy('nvidia-a100'));
    expect(entity('nvidia-a100-pcie')).toMatchObject({ tpp: 4992, eccn: '3A090.a' });
  });

  it('dates GPT-4 to 14 March 2023 and Kimi k1.5 to 20 January 2025, each with the announcement as source', () => {
    expect(entity('gpt-4')).toMatchObject({ releaseDate: '2023-03-14', sources: expect.arrayContaining(['src-openai-2023-03-14-gpt-4']) });
    expect(entity('kimi-k1-5')).toMatchObject({ releaseDate: '2025-01-20', sources: expect.arrayContaining(['src-moonshot-kimi-k1-5-2025-01-20']) });
  });

  it('dates the MI308 requirement to 15 April 2025 and gives it the destinations of the H20 letter', () => {
    const mi308 = 'usg-2025-04-amd-mi308-license-requirement';
    expect(entity(mi308)).toMatchObject({ effectiveDate: '2025-04-15', sources: expect.arrayContaining(['src-amd-8k-2025-04-16']) });
    const destinations = (id: string): string[] =>
      rels('APPLIES_TO', id)
        .map((r) => r.to)
        .sort();
    expect(destinations(mi308)).toEqual(destinations('usg-2025-04-h20-license-requirement'));
    for (const r of graph.relationships.filter((x) => x.from === mi308)) expect(r.validFrom, `${r.type} ${r.to}`).toBe('2025-04-15');
  });

  it('gives URLs to the sources whose documents are known', () => {
    expect(url('src-fr-84-22961-huawei-entity-list')).toBe('https://www.federalregister.gov/d/2019-10616');
    for (const id of ['src-deepseek-v31-release', 'src-deepseek-v32-exp-release', 'src-qwen3-release', 'src-nvidia-8k-2025-04-15'])
      expect(url(id), id).toMatch(/^https:\/\//);
  });
});
