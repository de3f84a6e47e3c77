import { describe, expect, it } from 'vitest';
import type { EntityModel } from '../../src/graph/models.js';
import { AppError } from '../../src/errors.js';
import { compileFilter } from '../../src/store/filters.js';
import { sortProperty } from '../../src/store/list-query.js';
import { decodeCursor, encodeCursor } from '../../src/store/pagination.js';
import { editDistance, fulltextQuery, nameTier, rankHits } from '../../src/store/search-query.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
};

const entity = (id: string, name: string, aliases: string[] = []): EntityModel => ({ id, kind: 'Company', name, aliases, description: null, sourceIds: [] });

describe('fulltextQuery', () => {
  it('returns null for text without words', () => {
    expect(fulltextQuery('')).toBeNull();
    expect(fulltextQuery('   ')).toBeNull();
    expect(fulltextQuery('+-&|!(){}[]^"~*?:\\/')).toBeNull();
  });

  it('keeps Lucene operators and syntax out of the query: only folded words, each in its own group', () => {
    const query = fulltextQuery('title:x AND (h100^9 OR "nvidia~")* \\ -b200')!;
    expect(query).not.toMatch(/title:|AND|\^9|"|\\/);
    const groups = query.split(') OR (');
    expect(groups).toHaveLength(8); // title x and h100 9 or nvidia b200
    for (const word of ['title', 'x', 'and', 'h100', 'or', 'nvidia']) expect(query).toContain(`name:${word}^6`);
  });

  it('folds case and accents the way the index does', () => {
    expect(fulltextQuery('HUÁWEI')).toBe(fulltextQuery('huawei'));
  });

  it('allows one typo in words of four letters or more and two from eight, none below four', () => {
    expect(fulltextQuery('tsm')).not.toContain('~');
    expect(fulltextQuery('nvidia')).toContain('nvidia~1');
    expect(fulltextQuery('bytedance')).toContain('bytedance~2');
  });

  it('caps the number of words it sends to Lucene', () => {
    const query = fulltextQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))!;
    expect(query.split(') OR (')).toHaveLength(12);
  });
});

describe('search ranking', () => {
  it('measures edit distance with a swap of neighbours as one edit', () => {
    expect(editDistance('nvidai', 'nvidia', 2)).toBe(1);
    expect(editDistance('bytdance', 'bytedance', 2)).toBe(1);
    expect(editDistance('huawei', 'tencent', 1)).toBe(2);
  });

  it('puts an exact name or alias above a name holding the words, above a near match, above a description-only hit', () => {
    expect(nameTier('Huáwei', entity('huawei', 'Huawei'))).toBe(3);
    expect(nameTier('h100', entity('nvidia-h100', 'NVIDIA H100 SXM5 80GB', ['H100']))).toBe(3);
    expect(nameTier('nvidia-h20', entity('nvidia-h20', 'NVIDIA HGX H20'))).toBe(3);
    expect(nameTier('h100', entity('meta-100k-cluster', 'Meta 100k H100 cluster'))).toBe(2);
    expect(nameTier('nvidai', entity('nvidia', 'NVIDIA'))).toBe(1);
    expect(nameTier('bytedance', entity('doubao-pro', 'Doubao-pro'))).toBe(0);
  });

  it('orders hits by tier, then score, and keeps scores decreasing', () => {
    const hits = rankHits(
      'huawei',
      [
        { node: entity('entity-list', 'Entity List addition of Huawei and affiliates'), score: 20 },
        { node: entity('huawei', 'Huawei'), score: 10 },
        { node: entity('doubao', 'Doubao'), score: 30 },
      ],
      10,
    );
    expect(hits.map((h) => h.node.id)).toEqual(['huawei', 'entity-list', 'doubao']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
    expect(rankHits('huawei', hits, 1)).toHaveLength(1);
  });
});

describe('compileFilter', () => {
  it('rejects a field the kind does not have as BAD_USER_INPUT', () => {
    expect(codeOf(() => compileFilter('Chip', { foundedYear: { eq: 1993 } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => compileFilter('Chip', { 'name) DETACH DELETE n //': { eq: 'x' } }))).toBe('BAD_USER_INPUT');
  });

  it('rejects an operator that does not fit the property', () => {
    expect(codeOf(() => compileFilter('Chip', { memoryGb: { contains: '8' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => compileFilter('Company', { roles: { eq: 'FOUNDRY' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => compileFilter('Chip', { name: { matches: '.*' } }))).toBe('BAD_USER_INPUT');
  });

  it('puts every value in a parameter, never in the Cypher text', () => {
    const { where, params } = compileFilter('Chip', { name: { contains: "x' OR 1=1" }, restrictedBy: { in: ['bis-2023-10-17-ac-s-ifr'], asOf: '2025-01-01' } });
    expect(where.join(' ')).not.toContain('1=1');
    expect(where.join(' ')).not.toContain('bis-2023');
    expect(Object.values(params)).toContain("x' OR 1=1");
  });

  it('skips conditions given as null', () => {
    expect(compileFilter('Chip', { name: null, vendor: { eq: null } })).toEqual({ where: [], params: {} });
  });
});

describe('sort fields and cursors', () => {
  it('maps a sort enum to its ontology property, keeping the property spelling', () => {
    expect(sortProperty('Chip', 'MEMORY_BANDWIDTH_TBS').name).toBe('memoryBandwidthTBs');
    expect(sortProperty('Chip', 'INTERCONNECT_BANDWIDTH_GBS').name).toBe('interconnectBandwidthGBs');
    expect(sortProperty('Model', 'RELEASE_DATE').name).toBe('releaseDate');
    expect(codeOf(() => sortProperty('Company', 'ROLES'))).toBe('BAD_USER_INPUT');
  });

  it('round-trips a cursor only for the ordering it was made for', () => {
    const ordering = { kind: 'Chip', field: 'releaseDate', descending: true };
    const cursor = encodeCursor(ordering, { value: '2024-11-15', id: 'nvidia-b200' });
    expect(decodeCursor(cursor, ordering, 'date')).toEqual({ value: '2024-11-15', id: 'nvidia-b200' });
    expect(codeOf(() => decodeCursor(cursor, { ...ordering, descending: false }, 'date'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(cursor, { ...ordering, kind: 'Model' }, 'date'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor('%%%', ordering, 'date'))).toBe('BAD_USER_INPUT');
  });
});
