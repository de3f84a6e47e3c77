import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { loadTypeDefs } from '../../src/server/schema.js';

const schema = buildSchema(loadTypeDefs());
const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
const operations = blocks.flatMap((block) =>
  block
    .split(/\n(?=#)/)
    .map((part) => part.replace(/^#.*$/gm, '').trim())
    .filter(Boolean),
);

describe('the README', () => {
  it('has example queries', () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
  });

  it.each(operations.map((op, i) => [i + 1, op]))('example %i is a valid operation against the schema', (_n, op) => {
    expect(validate(schema, parse(op as string)).map((e) => e.message)).toEqual([]);
  });
});
