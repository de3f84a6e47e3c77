import { describe, expect, it } from 'vitest';
import type { Draft, DraftEntity } from '../../src/ingest/importers/draft.js';
import { planEntities, planRelationships, resolveRelationships } from '../../src/ingest/importers/resolve.js';
import type { EntityRecord, RelationshipRecord } from '../../src/store/graph-records.js';
import { relationshipKey } from '../../src/store/graph-records.js';

const existing: EntityRecord[] = [
  { id: 'nvidia-h100', kind: 'Chip', name: 'NVIDIA H100 SXM5 80GB', aliases: ['H100'], sources: ['src-seed'], tpp: 15832 },
  { id: 'nvidia', kind: 'Company', name: 'NVIDIA', aliases: ['NVIDIA Corporation'], sources: ['src-seed'] },
  { id: 'qwen', kind: 'Company', name: 'Qwen Team', aliases: [], sources: ['src-seed'] },
];

const draftOf = (entities: Partial<DraftEntity>[], mode: Draft['mode'] = 'fill', relationships: Draft['relationships'] = []): Draft => ({
  mode,
  entities: entities.map((e, i) => ({ ref: `r${i}`, kind: 'Chip', name: 'X', sources: ['src-epoch'], props: {}, at: `row ${i + 2}`, ...e })),
  relationships,
  skipped: [],
  unknownColumns: [],
  issues: [],
  records: entities.length,
});

describe('matching imported entities to the graph', () => {
  it('matches by name or alias of the same kind, ignoring case and spacing, and only fills gaps', () => {
    const plan = planEntities(
      draftOf([
        { name: 'nvidia h100 sxm5 80 GB', props: { tpp: 1, memoryGb: 80 } },
        { kind: 'Company', name: 'nvidia corporation' },
      ]),
      existing,
    );
    expect([...plan.idOf.values()]).toEqual(['nvidia-h100', 'nvidia']);
    expect(plan.tally).toEqual({ created: 0, updated: 2, unchanged: 0 });
    expect(plan.changes[0]!.after).toMatchObject({
      id: 'nvidia-h100',
      name: 'NVIDIA H100 SXM5 80GB',
      tpp: 15832,
      memoryGb: 80,
      sources: ['src-seed', 'src-epoch'],
    });
  });

  it('matches by id and then asserts the fields it gives', () => {
    const plan = planEntities(draftOf([{ id: 'nvidia-h100', name: 'H100 renamed', props: { tpp: 15833 } }], 'assert'), existing);
    expect(plan.changes[0]!.after).toMatchObject({ id: 'nvidia-h100', name: 'H100 renamed', tpp: 15833, aliases: ['H100'] });
  });

  it('does not match an entity of another kind, and gives the new one a free id', () => {
    const plan = planEntities(
      draftOf([
        { kind: 'Model', name: 'Qwen' },
        { kind: 'Model', name: 'NVIDIA' },
      ]),
      existing,
    );
    expect(plan.tally.created).toBe(2);
    expect([...plan.idOf.values()]).toEqual(['qwen-model', 'nvidia-model']);
  });

  it('refuses an explicit id already used by another kind', () => {
    const plan = planEntities(draftOf([{ id: 'nvidia', kind: 'Model', name: 'Nvidia model' }], 'assert'), existing);
    expect(plan.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID', field: 'rows[2].id' })]);
  });

  it('counts an entity with nothing new as unchanged', () => {
    const plan = planEntities(draftOf([{ name: 'H100', sources: ['src-seed'] }]), existing);
    expect(plan.tally).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(plan.changes).toEqual([]);
  });
});

describe('planning relationships', () => {
  const draft = draftOf(
    [
      { ref: 'c', kind: 'Company', name: 'NVIDIA' },
      { ref: 'h', name: 'H100' },
    ],
    'fill',
    [
      { type: 'DESIGNS', from: 'c', to: 'h', sources: ['src-epoch'], props: { confidence: 'low' }, at: 'row 2' },
      { type: 'DESIGNS', from: 'h', to: 'c', sources: ['src-epoch'], props: {}, at: 'row 3' },
      { type: 'DESIGNS', from: 'c', to: 'nowhere', sources: ['src-epoch'], props: {}, at: 'row 4' },
    ],
  );

  it('resolves endpoints and names the ones that are unknown or not allowed', () => {
    const plan = planEntities(draft, existing);
    const { resolved, errors } = resolveRelationships(draft, plan, new Map(existing.map((e) => [e.id, e])));
    expect(resolved.map((r) => r.record)).toEqual([{ type: 'DESIGNS', from: 'nvidia', to: 'nvidia-h100', sources: ['src-epoch'], confidence: 'low' }]);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['RELATIONSHIP_NOT_ALLOWED', 'rows[3].from'],
      ['RELATIONSHIP_NOT_ALLOWED', 'rows[3].to'],
      ['UNKNOWN_ENDPOINT', 'rows[4].to'],
    ]);
  });

  it('adds a new source to an existing relationship without overwriting it in fill mode', () => {
    const before: RelationshipRecord = { type: 'DESIGNS', from: 'nvidia', to: 'nvidia-h100', sources: ['src-seed'], confidence: 'high' };
    const record: RelationshipRecord = { type: 'DESIGNS', from: 'nvidia', to: 'nvidia-h100', sources: ['src-epoch'], confidence: 'low' };
    const { changes, tally } = planRelationships([{ record, at: 'row 2' }], new Map([[relationshipKey('DESIGNS', 'nvidia', 'nvidia-h100'), before]]), 'fill');
    expect(tally).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(changes[0]!.after).toEqual({ ...before, sources: ['src-seed', 'src-epoch'] });
  });

  it('treats a symmetric relationship asserted the other way round as the same one', () => {
    expect(relationshipKey('PARTNERS_WITH', 'b', 'a')).toBe(relationshipKey('PARTNERS_WITH', 'a', 'b'));
    expect(relationshipKey('DESIGNS', 'b', 'a')).not.toBe(relationshipKey('DESIGNS', 'a', 'b'));
  });
});
