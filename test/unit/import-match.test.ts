import { describe, expect, it } from 'vitest';
import type { Draft, DraftEntity } from '../../src/ingest/importers/draft.js';
import { EntityIndex, planEntities, resolveRelationships } from '../../src/ingest/importers/resolve.js';
import type { EntityRecord } from '../../src/store/graph-records.js';

const draftEntity = (e: Partial<DraftEntity>): DraftEntity => ({ ref: 'r', kind: 'Chip', name: 'X', sources: ['src-a'], props: {}, at: 'row 2', ...e });

const draftOf = (entities: Partial<DraftEntity>[], relationships: Draft['relationships'] = []): Draft => ({
  mode: 'assert',
  entities: entities.map((e, i) => draftEntity({ ref: `r${i}`, at: `row ${i + 2}`, ...e })),
  relationships,
  skipped: [],
  unknownColumns: [],
  issues: [],
  records: entities.length + relationships.length,
});

const graph: EntityRecord[] = [
  { id: 'nvidia-h100', kind: 'Chip', name: 'NVIDIA H100 SXM5 80GB', aliases: ['H100'], sources: ['src-seed'] },
  { id: 'h100', kind: 'Company', name: 'H100 Holdings', aliases: [], sources: ['src-seed'] },
  { id: 'acme', kind: 'Company', name: 'Acme', aliases: ['Acme Labs'], sources: ['src-seed'] },
  { id: 'acme-labs', kind: 'Company', name: 'ACME LABS', aliases: [], sources: ['src-seed'] },
];

describe('the index imports match entities with', () => {
  it('finds an entity by id only when the kind agrees', () => {
    const index = new EntityIndex(graph);
    expect(index.match(draftEntity({ id: 'nvidia-h100', name: 'Renamed' }))).toEqual({ entity: graph[0], byId: true });
    expect(index.match(draftEntity({ id: 'acme', kind: 'Chip', name: 'Something else' }))).toBeNull();
  });

  it('finds an entity by its name or an alias within its kind, ignoring case, accents and punctuation', () => {
    const index = new EntityIndex(graph);
    expect(index.match(draftEntity({ name: 'nvidia h100 sxm5 80 gb' }))?.entity.id).toBe('nvidia-h100');
    expect(index.match(draftEntity({ name: 'h-100' }))?.entity.id).toBe('nvidia-h100');
    expect(index.match(draftEntity({ kind: 'Company', name: 'H100 holdings' }))?.entity.id).toBe('h100');
    expect(index.match(draftEntity({ kind: 'Model', name: 'H100' }))).toBeNull();
  });

  it("lets a name win over another entity's alias", () => {
    const index = new EntityIndex(graph);
    expect(index.match(draftEntity({ kind: 'Company', name: 'Acme Labs' }))?.entity.id).toBe('acme-labs');
  });

  it('falls back to the slug of the name as an id only for drafts without an id of their own', () => {
    const index = new EntityIndex(graph);
    expect(index.match(draftEntity({ kind: 'Company', name: 'H100' }))?.entity.id).toBe('h100');
    expect(index.match(draftEntity({ kind: 'Company', id: 'other', name: 'H100' }))).toBeNull();
  });

  it('gives new entities free ids: the slug, then slug-kind, then the first free number', () => {
    const index = new EntityIndex([
      ...graph,
      { id: 'acme-company', kind: 'Company', name: 'Acme Co', sources: [] },
      { id: 'acme-2', kind: 'Chip', name: 'A2', sources: [] },
    ]);
    expect(index.freshId(draftEntity({ name: 'Brand New' }))).toBe('brand-new');
    expect(index.freshId(draftEntity({ kind: 'Company', name: 'ACME' }))).toBe('acme-3');
    expect(index.freshId(draftEntity({ name: 'Acme Labs' }))).toBe('acme-labs-chip');
    expect(index.freshId(draftEntity({ name: '—' }))).toBe('chip');
  });

  it('learns the entities a plan adds, so later rows of the same file match them', () => {
    const plan = planEntities(
      draftOf([
        { name: 'Brand New', aliases: ['BN-1'] },
        { name: 'bn 1', props: { tpp: 5 } },
      ]),
      graph,
    );
    expect([...plan.idOf.values()]).toEqual(['brand-new', 'brand-new']);
    expect(plan.tally).toEqual({ created: 1, updated: 1, unchanged: 0 });
  });
});

describe('matching a large file', () => {
  const size = 5_000;
  const existing: EntityRecord[] = Array.from({ length: size }, (_, i) => ({
    id: `chip-${i}`,
    kind: 'Chip',
    name: `Chip Number ${i}`,
    aliases: [`CN${i}`],
    sources: ['src-a'],
  }));

  it('matches every one of 5,000 drafts to its entity by id, name or alias, and creates the rest', () => {
    const entities = Array.from({ length: size }, (_, i): Partial<DraftEntity> => {
      if (i % 3 === 0) return { id: `chip-${i}`, name: `Chip Number ${i}` };
      if (i % 3 === 1) return { name: `chip number ${i}` };
      return { name: i % 2 ? `cn ${i}` : `Unknown Chip ${i}` };
    });
    const plan = planEntities(draftOf(entities), existing);
    const expected = entities.map((e, i) => (e.name!.startsWith('Unknown') ? `unknown-chip-${i}` : `chip-${i}`));
    expect([...plan.idOf.values()]).toEqual(expected);
    expect(plan.tally.created).toBe(expected.filter((id) => id.startsWith('unknown')).length);
    expect(plan.errors).toEqual([]);
  }, 30_000);

  it('resolves relationships between 5,000 drafts and the graph by ref and by id', () => {
    const draft = draftOf(
      Array.from({ length: size }, (_, i) => ({ ref: `Model:${i}`, kind: 'Model', name: `Model ${i}` })),
      Array.from({ length: size }, (_, i) => ({ type: 'TRAINED_ON', from: `Model:${i}`, to: `chip-${i}`, sources: ['src-a'], props: {}, at: `row ${i + 2}` })),
    );
    const plan = planEntities(draft, existing);
    const { resolved, errors } = resolveRelationships(draft, plan, new Map(existing.map((e) => [e.id, e])));
    expect(errors).toEqual([]);
    expect(resolved.map((r) => `${r.record.from}>${r.record.to}`)).toEqual(Array.from({ length: size }, (_, i) => `model-${i}>chip-${i}`));
  }, 30_000);
});
