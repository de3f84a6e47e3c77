// The CommonJS graphql-js, as graphql-query-complexity and Apollo load it (vite would pick the .mjs copy).
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { AnalysisGate } from '../../src/server/analysis-gate.js';
import { ANALYSIS_UNIT_POINTS, analysisWork } from '../../src/server/analysis-cost.js';
import { redactUrl } from '../../src/server/exposure.js';
import { MAX_NESTING, nestingDepth, valueDepth } from '../../src/server/input-checks.js';
import { checkCost, type CostLimits } from '../../src/server/limits.js';
import { InFlight, WindowLimiter } from '../../src/server/security.js';

const schema = buildSchema(`
  type Path { length: Int! }
  type Query {
    paths(from: ID!, to: ID!, maxLength: Int, first: Int): [Path!]!
    search(text: String!, first: Int = 10): [Path!]!
    entity(id: ID!): Path
  }
  type Mutation { touch(id: ID!): Path }
`);
const limits: CostLimits = { maxDepth: 10, maxComplexity: 20_000, maxAliases: 30, maxTokens: 5_000, maxPageSize: 100 };
const defaults = { maxPathLength: 6, maxNeighborhoodDepth: 4 };

function measure(query: string) {
  const document = parse(query);
  return checkCost(schema, document, document.definitions[0] as OperationDefinitionNode, {}, limits);
}

describe('the cost of analysis', () => {
  it('multiplies the work by the fan-out (4) for every hop beyond the default', () => {
    expect([4, 5, 6].map((maxLength) => analysisWork('paths', { maxLength }, defaults))).toEqual([1, 4, 16]);
    expect([1, 2, 3, 4].map((depth) => analysisWork('neighborhood', { depth }, defaults))).toEqual([1, 4, 16, 64]);
    expect(analysisWork('shortestPath', {}, defaults)).toBe(1);
    expect(analysisWork('search', { first: 100 }, defaults)).toBe(1);
  });

  it('prices a value above its cap at the cap, leaving the refusal to the resolver that names the cap', () => {
    expect(analysisWork('neighborhood', { depth: 50 }, defaults)).toBe(64);
  });

  it('charges each aliased analysis field its work, so 30 long paths queries exceed the budget', () => {
    const one = 1 + 50 * 1 + 16 * ANALYSIS_UNIT_POINTS;
    expect(measure('{ paths(from: "a", to: "b", maxLength: 6, first: 50) { length } }')).toMatchObject({ complexity: one, analysisUnits: 16 });
    const bomb = `{ ${Array.from({ length: 30 }, (_, i) => `p${i}: paths(from: "a", to: "b", maxLength: 6, first: 50) { length }`).join(' ')} }`;
    let error: unknown;
    try {
      measure(bomb);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ measure: 'complexity', limit: 20_000, value: 30 * one });
  });

  it('counts analysis met through a fragment, and nothing for plain reads', () => {
    expect(measure('{ ...F } fragment F on Query { search(text: "a") { length } }').analysisUnits).toBe(1);
    expect(measure('{ entity(id: "a") { length } }').analysisUnits).toBe(0);
  });

  it('counts every aliased mutation field as a write', () => {
    expect(measure('mutation { a: touch(id: "a") { length } b: touch(id: "b") { length } c: touch(id: "c") { length } }').writes).toBe(3);
  });
});

describe('rate limits counting cost', () => {
  it('takes a request its cost from the window, and admits one over-limit request in a fresh window only when told to', () => {
    const now = 1_000;
    const writes = new WindowLimiter(5, 60_000, () => now);
    expect(writes.take('a', 6)).toBe(60_000);
    expect([writes.take('a', 5), writes.take('a', 1)]).toEqual([0, 60_000]);
    const analysis = new WindowLimiter(5, 60_000, () => now, true);
    expect([analysis.take('a', 16), analysis.take('a', 1)]).toEqual([0, 60_000]);
  });

  it('lets a client run at most its cap of units at once, one request at a time above it', () => {
    const inFlight = new InFlight(20);
    expect([inFlight.acquire('a', 16), inFlight.acquire('a', 16), inFlight.acquire('b', 16)]).toEqual([true, false, true]);
    inFlight.release('a', 16);
    expect(inFlight.acquire('a', 40)).toBe(true);
  });
});

describe('the analysis gate', () => {
  it('runs at most its size at once, queues up to four times that, and refuses the rest with DATABASE_BUSY', async () => {
    const gate = new AnalysisGate(1, 60_000);
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const running = gate.run(() => blocked);
    const queued = Array.from({ length: 4 }, () => gate.run(async () => 'ran'));
    const refused = gate.run(async () => 'ran').catch((error: { extensions?: Record<string, unknown> }) => error.extensions);
    expect(await refused).toMatchObject({ code: 'DATABASE_BUSY', http: { status: 503 } });
    expect(gate.running).toBe(1);
    release();
    await running;
    expect(await Promise.all(queued)).toEqual(['ran', 'ran', 'ran', 'ran']);
    expect(gate.running).toBe(0);
  });

  it('gives up on a slot after the queue timeout', async () => {
    const gate = new AnalysisGate(1, 10);
    let release!: () => void;
    const running = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(gate.run(async () => 'ran')).rejects.toMatchObject({ extensions: { code: 'DATABASE_BUSY' } });
    release();
    await running;
    expect(await gate.run(async () => 'ran')).toBe('ran');
  });
});

describe('input shape', () => {
  it('measures nesting of documents and of JSON values without recursion', () => {
    expect(nestingDepth('{ a(b: [[1]]) { c } }', MAX_NESTING)).toBeLessThanOrEqual(MAX_NESTING);
    expect(nestingDepth(`{ a ${'{ b '.repeat(70)}${'}'.repeat(70)} }`, MAX_NESTING)).toBe(71);
    expect(nestingDepth(`{ a(b: ${'['.repeat(3_000)}${']'.repeat(3_000)}) }`, MAX_NESTING)).toBe(3_002);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueDepth(deep, MAX_NESTING)).toBe(MAX_NESTING + 1);
    expect(valueDepth({ a: [{ b: 1 }] }, MAX_NESTING)).toBe(3);
  });

  it('redacts credential-like query parameters from URLs and leaves the rest', () => {
    expect(redactUrl('/graphql?query=%7B%7D&api_key=s3cret&access_token=t0k')).toBe('/graphql?query=%7B%7D&api_key=%5Bredacted%5D&access_token=%5Bredacted%5D');
    expect(redactUrl('/graphql?query=%7B%7D')).toBe('/graphql?query=%7B%7D');
  });
});
