// The CommonJS graphql-js, as graphql-query-complexity and Apollo load it (vite would pick the .mjs copy).
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { checkCost, tokenCount, UNPAGED_LIST_SIZE, type CostLimits } from '../../src/server/limits.js';
import { rateClass, WindowLimiter } from '../../src/server/security.js';

const schema = buildSchema(`
  type Item { id: ID! name: String! tags: [String!]! related: [Item!]! }
  type ItemConnection { nodes: [Item!]! totalCount: Int! }
  type Query {
    items(first: Int = 20, after: String): ItemConnection!
    item(id: ID!): Item
    search(text: String!, first: Int = 10): [Item!]!
  }
  type Mutation { touch(id: ID!): Item }
`);

const limits: CostLimits = { maxDepth: 5, maxComplexity: 1_000, maxAliases: 3, maxTokens: 200, maxPageSize: 50 };

function measure(query: string, variables: Record<string, unknown> = {}, custom: Partial<CostLimits> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return checkCost(schema, document, operation, variables, { ...limits, ...custom });
}

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a QUERY_TOO_COMPLEX error');
}

describe('query cost limits', () => {
  it('charges a list field its first times what is selected inside it', () => {
    expect(measure('{ items(first: 10) { nodes { id name } } }').complexity).toBe(1 + 10 * (1 + 2));
  });

  it('applies the schema default of first when the query gives none', () => {
    expect(measure('{ items { nodes { id } } }').complexity).toBe(1 + 20 * 2);
  });

  it('reads first from variables', () => {
    expect(measure('query Q($n: Int) { items(first: $n) { nodes { id } } }', { n: 3 }).complexity).toBe(1 + 3 * 2);
  });

  it('counts an unpaginated list of objects as UNPAGED_LIST_SIZE items and a list of scalars as one field', () => {
    expect(measure('{ item(id: "a") { tags related { id } } }').complexity).toBe(1 + 1 + (1 + UNPAGED_LIST_SIZE * 1));
  });

  it('rejects a budget overrun with the limit and the figure', () => {
    const error = rejection(() => measure('{ items(first: 50) { nodes { related { related { id } } } } }'));
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.details).toMatchObject({ measure: 'complexity', limit: 1_000, value: 1 + 50 * (1 + (1 + 5 * (1 + 5))) });
  });

  it('rejects a first above MAX_PAGE_SIZE naming the cap', () => {
    expect(rejection(() => measure('{ search(text: "x", first: 51) { id } }')).details).toMatchObject({ measure: 'first', limit: 50, value: 51 });
  });

  it('rejects nesting deeper than MAX_DEPTH, following fragments', () => {
    const query = '{ item(id: "a") { ...F } } fragment F on Item { related { related { related { related { id } } } } }';
    expect(rejection(() => measure(query)).details).toMatchObject({ measure: 'depth', limit: 5, value: 6 });
  });

  it('does not count introspection fields towards the depth', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }').depth).toBe(0);
  });

  it('counts aliases once per fragment spread', () => {
    const query = '{ a: item(id: "a") { ...F } b: item(id: "b") { ...F } } fragment F on Item { x: id }';
    expect(rejection(() => measure(query)).details).toMatchObject({ measure: 'aliases', limit: 3, value: 4 });
  });

  it('measures a fragment bomb without expanding it exponentially', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Item { related { ...F${i + 1} } x${i}: related { ...F${i + 1} } }`);
    const query = `{ item(id: "a") { ...F0 } } ${levels.join(' ')} fragment F30 on Item { id }`;
    const error = rejection(() => measure(query, {}, { maxDepth: 100, maxAliases: 10 ** 12 }));
    expect(error.details).toMatchObject({ measure: 'fields', limit: 200 });
  });

  it('counts tokens as graphql-js does, without comments', () => {
    const query = '{ item(id: "a") { id } } # a comment';
    expect(tokenCount(query)).toBe(11);
    expect(() => parse(query, { maxTokens: 11 })).not.toThrow();
    expect(() => parse(query, { maxTokens: 10 })).toThrow(/10 tokens/);
  });
});

describe('rate classes and the window limiter', () => {
  it('classes mutations as writes and search as analysis, and plain reads as neither', () => {
    const op = (q: string) => parse(q).definitions[0] as OperationDefinitionNode;
    expect(rateClass(op('mutation { touch(id: "a") { id } }'))).toBe('write');
    expect(rateClass(op('{ search(text: "a") { id } }'))).toBe('analysis');
    expect(rateClass(op('{ item(id: "a") { id } }'))).toBeNull();
  });

  it('allows limit requests a window per client and then says how long to wait', () => {
    let now = 1_000;
    const limiter = new WindowLimiter(2, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    now += 15_000;
    expect(limiter.take('a')).toBe(45_000);
    now += 45_000;
    expect(limiter.take('a')).toBe(0);
  });
});
