import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompanyMatcher, type KnownCompany } from '../../src/ingest/importers/company-matcher.js';

interface Labelled {
  readonly list: string;
  readonly name: string;
  readonly aliases: string[];
  readonly countries: string[];
  readonly expected: string | null;
}

const json = (
  path: string,
): { entities: { id: string; kind: string; name: string; aliases?: string[] }[]; relationships?: { type: string; from: string; to: string }[] } =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

/** The curated companies of the seed, with their headquarters countries. */
function curated(): KnownCompany[] {
  const companies = json('../../data/companies.json');
  const countries = new Map(json('../../data/countries.json').entities.map((c) => [c.id, c.name]));
  const hq = new Map((companies.relationships ?? []).filter((r) => r.type === 'HEADQUARTERED_IN').map((r) => [r.from, countries.get(r.to) ?? null]));
  return companies.entities.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases ?? [], country: hq.get(c.id) ?? null }));
}

const labelled = (JSON.parse(readFileSync(new URL('../fixtures/screening/labelled-matches.json', import.meta.url), 'utf8')) as { records: Labelled[] }).records;

/** Merges (decision 'match') scored against the labels. */
function measure(): { tp: number; fp: number; fn: number; reviewed: number; wrong: string[] } {
  const matcher = new CompanyMatcher(curated());
  const out = { tp: 0, fp: 0, fn: 0, reviewed: 0, wrong: [] as string[] };
  for (const r of labelled) {
    const { decision, candidates } = matcher.match(r);
    const merged = decision === 'match' ? candidates[0]!.id : null;
    if (decision === 'review') out.reviewed += 1;
    if (merged && merged === r.expected) out.tp += 1;
    else if (merged) {
      out.fp += 1;
      out.wrong.push(`${r.name} merged into ${merged}`);
    }
    if (r.expected && merged !== r.expected) {
      out.fn += 1;
      out.wrong.push(`${r.name} not merged into ${r.expected}`);
    }
  }
  return out;
}

describe('matching screening-list entries to the curated companies', () => {
  it('holds a labelled set of 40 to 80 list entries with both matches and look-alikes', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(40);
    expect(labelled.length).toBeLessThanOrEqual(80);
    expect(labelled.filter((r) => r.expected).length).toBeGreaterThanOrEqual(10);
    const ids = new Set(curated().map((c) => c.id));
    for (const r of labelled) if (r.expected) expect(ids.has(r.expected), r.expected).toBe(true);
  });

  it('merges with a precision of 1.0 and a recall of at least 0.9 on the labelled set (docs/data.md)', () => {
    const { tp, fp, fn, wrong } = measure();
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(wrong.filter((w) => !w.includes(' not merged '))).toEqual([]);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('lists subsidiaries and look-alikes of curated companies for review instead of merging them', () => {
    const matcher = new CompanyMatcher(curated());
    const outcome = (name: string, countries: string[]) => matcher.match({ name, aliases: [], countries });
    expect(outcome('Huawei Device Co., Ltd.', ['China'])).toMatchObject({
      decision: 'review',
      candidates: [{ id: 'huawei', features: ['distinctive words', 'country'] }],
    });
    expect(outcome('Sophgo Technologies Pte. Ltd.', ['Singapore'])).toMatchObject({
      decision: 'review',
      candidates: [{ id: 'sophgo', features: ['name core', 'country mismatch'] }],
    });
    expect(outcome('Sophgo Technologies Ltd.', ['China'])).toMatchObject({ decision: 'match', candidates: [{ id: 'sophgo' }] });
    expect(outcome('Afghan-German Construction Company', ['Afghanistan'])).toEqual({ decision: 'none', candidates: [] });
  });

  it('asks for review when two companies match equally well', () => {
    const matcher = new CompanyMatcher([
      { id: 'a', name: 'Acme Technologies Ltd.', aliases: [], country: null },
      { id: 'b', name: 'Acme Technology GmbH', aliases: [], country: null },
    ]);
    expect(matcher.match({ name: 'Acme', aliases: [], countries: [] }).decision).toBe('review');
    const exact = matcher.match({ name: 'Acme Technologies Ltd.', aliases: [], countries: [] });
    expect([exact.decision, exact.candidates[0]?.id]).toEqual(['match', 'a']);
  });

  it('matches a party to the company of its own name rather than to another that shares one of its aliases', () => {
    const matcher = new CompanyMatcher([
      { id: 'bsvt', name: 'BSVT-New Technologies', aliases: ['Shared Alias LLC'], country: null },
      { id: 'kidma', name: 'Kidma Tech OJSC', aliases: ['Shared Alias LLC'], country: null },
    ]);
    const again = matcher.match({ name: 'BSVT-New Technologies', aliases: ['Shared Alias LLC'], countries: ['Belarus'] });
    expect([again.decision, again.candidates[0]?.id]).toEqual(['match', 'bsvt']);
  });
});
