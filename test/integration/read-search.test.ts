import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

const server = useTestServer();

interface Hit {
  score: number;
  node: { __typename: string; id: string; name: string };
}

const SEARCH = `query ($text: String!, $kinds: [EntityKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) { score node { __typename id name } }
}`;

async function search(text: string, extra: { kinds?: string[]; first?: number } = {}): Promise<Hit[]> {
  return (await server.data<{ search: Hit[] }>(SEARCH, { text, ...extra })).search;
}

describe('full-text search', () => {
  it('ranks the entity named exactly as the text first, above entities that only mention it', async () => {
    expect((await search('H100'))[0]!.node.id).toBe('nvidia-h100');
    expect((await search('Singapore'))[0]!.node.id).toBe('singapore');
    expect((await search('Huawei'))[0]!.node.id).toBe('huawei');
    expect((await search('DeepSeek'))[0]!.node.id).toBe('deepseek');
  });

  it('returns hits best first with scores that never increase down the list', async () => {
    const hits = await search('nvidia h20');
    expect(hits[0]!.node.id).toBe('nvidia-h20');
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    expect(hits.every((h) => h.score > 0)).toBe(true);
  });

  it('ignores case', async () => {
    const lower = await search('bytedance');
    const upper = await search('BYTEDANCE');
    expect(lower[0]!.node.id).toBe('bytedance');
    expect(upper.map((h) => h.node.id)).toEqual(lower.map((h) => h.node.id));
  });

  it('ignores accents in the text', async () => {
    expect((await search('Huáwei'))[0]!.node.id).toBe('huawei');
    expect((await search('Singapóre'))[0]!.node.id).toBe('singapore');
  });

  it('tolerates small typos', async () => {
    expect((await search('bytdance'))[0]!.node.id).toBe('bytedance');
    expect((await search('nvidai'))[0]!.node.id).toBe('nvidia');
    expect((await search('deepsek'))[0]!.node.id).toBe('deepseek');
  });

  it('finds an entity by one of its aliases', async () => {
    const hits = await search('字节跳动');
    expect(hits.map((h) => h.node.id)).toContain('bytedance');
  });

  it('keeps only the kinds asked for', async () => {
    const hits = await search('nvidia', { kinds: ['CHIP'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.node.__typename === 'Chip')).toBe(true);
    const two = await search('alibaba', { kinds: ['COMPANY', 'DATA_CENTER'] });
    expect(new Set(two.map((h) => h.node.__typename))).toEqual(new Set(['Company', 'DataCenter']));
  });

  it('returns an empty list for empty or whitespace-only text', async () => {
    expect(await search('')).toEqual([]);
    expect(await search('   \t ')).toEqual([]);
    expect(await search('?!*')).toEqual([]);
  });

  it('treats Lucene syntax in the text as plain words, without an error', async () => {
    for (const text of ['H100 AND OR NOT', 'nvidia~ h100^9 "unclosed', '(a100) [b200] {x} title:foo \\ / * ?', 'AND', '-h100 +h20 && ||']) {
      const res = await server.gql<{ search: unknown }>(SEARCH, { text });
      expect(res.errors, text).toBeUndefined();
      expect(Array.isArray(res.data?.search)).toBe(true);
    }
    expect((await search('nvidia-h20'))[0]!.node.id).toBe('nvidia-h20');
  });

  it('returns at most first hits and rejects first above MAX_PAGE_SIZE', async () => {
    expect(await search('nvidia', { first: 3 })).toHaveLength(3);
    expect(await search('nvidia', { first: 0 })).toEqual([]);
    const res = await server.gql(SEARCH, { text: 'nvidia', first: server.config.MAX_PAGE_SIZE + 1 });
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
