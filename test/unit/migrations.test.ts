import { describe, expect, it } from 'vitest';
import { migrationName, MIGRATIONS } from '../../src/db/migrations.js';

describe('schema migrations', () => {
  it('name every index and constraint they create, uniquely, so a start can skip the ones that exist', () => {
    const names = MIGRATIONS.map(migrationName);
    expect(names.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(MIGRATIONS.length);
    expect(migrationName('CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name]')).toBe('entity_search');
  });
});
