import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeExtensionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_FIELDS } from '../../src/server/security.js';

const analysisSdl = parse(readFileSync(new URL('../../schema/analysis.graphql', import.meta.url), 'utf8'));
const analysisQueries = analysisSdl.definitions
  .filter((d): d is ObjectTypeExtensionNode => d.kind === Kind.OBJECT_TYPE_EXTENSION && d.name.value === 'Query')
  .flatMap((d) => d.fields?.map((f) => f.name.value) ?? []);

describe('the analysis rate limit', () => {
  it('covers every query field that schema/analysis.graphql declares', () => {
    expect(analysisQueries.length).toBeGreaterThan(5);
    for (const field of analysisQueries) expect(ANALYSIS_FIELDS.has(field), field).toBe(true);
  });

  it('covers search, whose resolver sits with the analysis queries', () => {
    expect(ANALYSIS_FIELDS.has('search')).toBe(true);
  });

  it('does not count plain look-ups and lists as analysis', () => {
    for (const field of ['entity', 'node', 'companies', 'chips', 'changes']) expect(ANALYSIS_FIELDS.has(field), field).toBe(false);
  });
});
