import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { ENTITY_KINDS, RELATIONSHIP_TYPE_NAMES } from '../../src/graph/ontology.js';
import { REGULATION_REACH } from '../../src/store/analysis/exposure.js';
import { bounded, entityKinds, relationshipTypes } from '../../src/store/analysis/limits.js';
import { NEIGHBORHOOD } from '../../src/store/analysis/neighborhood.js';
import { PATHS, SHORTEST_PATH } from '../../src/store/analysis/paths.js';
import { RESTRICTIONS } from '../../src/store/analysis/restrictions.js';
import { ROUTES_OF_ALL as ROUTES, ROUTES_OF_COMPANIES } from '../../src/store/analysis/routes-query.js';
import { TIMELINE } from '../../src/store/analysis/timeline.js';
import { WHO_USES } from '../../src/store/analysis/who-uses.js';

const QUERIES = {
  ROUTES,
  ROUTES_OF_COMPANIES,
  RESTRICTIONS,
  WHO_USES,
  REGULATION_REACH,
  TIMELINE,
  NEIGHBORHOOD: NEIGHBORHOOD({ depth: 4, someTypes: true, dated: true, someKinds: true }),
  SHORTEST_PATH: SHORTEST_PATH(6),
  PATHS: PATHS(6),
};

const typesIn = (query: string): string[] => [...query.matchAll(/\[\w*:([A-Z_|]+)/g)].flatMap((m) => m[1]!.split('|'));
const labelsIn = (query: string): string[] => [...query.matchAll(/\(\w*((?::[A-Z]\w*)+)/g)].flatMap((m) => m[1]!.split(':').filter(Boolean));
/** Relationship patterns without a type (`-[r]-`, `-[*0..6]-`), which match every type unless filtered. */
const untypedIn = (query: string): string[] => [...query.matchAll(/-\[(\w*|\w*\*[\d.]*)\]-/g)].map((m) => m[0]);
/** Filters that keep only the relationship types the caller asked for (checked against the ontology). */
const typeFiltersIn = (query: string): string[] => [...query.matchAll(/type\(\w+\) IN \$types/g)].map((m) => m[0]);

/** Queries that read every relationship of an entity on purpose: the timeline shows all of its dated facts. */
const EVERY_TYPE = new Set(['TIMELINE']);

describe('the analysis Cypher', () => {
  it.each(Object.entries(QUERIES))('%s names only relationship types from the ontology, or keeps only the types asked for', (name, query) => {
    const untyped = untypedIn(query);
    expect(typesIn(query).length + untyped.length, 'a relationship pattern').toBeGreaterThan(0);
    for (const type of typesIn(query)) expect(RELATIONSHIP_TYPE_NAMES).toContain(type);
    if (EVERY_TYPE.has(name)) expect(typeFiltersIn(query)).toEqual([]);
    else expect(typeFiltersIn(query).length, `a type filter for each of ${untyped.join(' ')}`).toBeGreaterThanOrEqual(untyped.length);
  });

  it.each(Object.entries(QUERIES))('%s names only labels from the ontology', (_name, query) => {
    expect(labelsIn(query).length, 'a labelled node').toBeGreaterThan(0);
    for (const label of labelsIn(query)) expect(['Entity', ...ENTITY_KINDS]).toContain(label);
  });

  it('reads the route types and labels off the compute-access query', () => {
    expect(new Set(typesIn(ROUTES))).toEqual(
      new Set([
        'OPERATES',
        'EQUIPPED_WITH',
        'RENTS_CAPACITY_AT',
        'PARTNERS_WITH',
        'SUBSIDIARY_OF',
        'DEVELOPS',
        'TRAINED_ON',
        'TRAINED_AT',
        'HEADQUARTERED_IN',
        'LOCATED_IN',
      ]),
    );
    expect(new Set(labelsIn(ROUTES))).toEqual(new Set(['Entity', 'Company', 'DataCenter', 'Chip', 'Model', 'Country']));
  });

  it('writes the checked depth and path length into the bounded patterns', () => {
    expect(NEIGHBORHOOD({ depth: 3, someTypes: true, dated: true, someKinds: true })).toContain('{1,3}');
    expect(SHORTEST_PATH(5)).toContain('{0,5}');
    expect(PATHS(2)).toContain('*0..2');
  });
});

describe('analysis argument checks', () => {
  const cap = { max: 4, setting: 'MAX_NEIGHBORHOOD_DEPTH' };

  it('takes the fallback when the argument is omitted', () => {
    expect(bounded('depth', null, 1, cap)).toBe(1);
  });

  it('refuses a value above the cap with QUERY_TOO_COMPLEX naming the cap and its setting', () => {
    const error = (() => {
      try {
        bounded('depth', 5, 1, cap);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('QUERY_TOO_COMPLEX');
    expect(error?.message).toContain('at most 4 (MAX_NEIGHBORHOOD_DEPTH)');
  });

  it('refuses a value below the minimum or not whole with BAD_USER_INPUT', () => {
    expect(() => bounded('depth', 0, 1, cap)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => bounded('depth', 1.5, 1, cap)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('keeps only relationship types and kinds the ontology knows, all types when none are asked for', () => {
    expect(relationshipTypes(['TRAINED_ON', 'DROP_ALL'])).toEqual(['TRAINED_ON']);
    expect(relationshipTypes(null)).toEqual(RELATIONSHIP_TYPE_NAMES);
    expect(entityKinds(['Chip', 'Nope'])).toEqual(['Chip']);
    expect(entityKinds([])).toBeNull();
  });
});
