import { describe, expect, it } from 'vitest';
import { buildListQuery } from '../../src/store/list-query.js';
import { encodeCursor } from '../../src/store/pagination.js';

describe('the Cypher of a list query', () => {
  it('filters by properties and a relationship with parameters, sorts nulls last and asks for one extra row', () => {
    const query = buildListQuery('Chip', {
      filter: {
        vendor: { eq: 'NVIDIA' },
        memoryGb: { gte: 80 },
        restrictedBy: { in: ['usg-2025-04-h20-license-requirement'], asOf: '2025-06-01', exists: true },
      },
      sortField: 'MEMORY_GB',
      descending: true,
      first: 10,
    });
    expect(query.pageQuery).toMatchInlineSnapshot(`
      "
          MATCH (n:Chip)
          WHERE n.vendor = $f0
            AND n.memoryGb >= $f1
            AND EXISTS { MATCH (n)<-[r:RESTRICTS]-(m:Entity) WHERE ($f2ids IS NULL OR m.id IN $f2ids) AND ($f2asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $f2asOf) AND (r.validTo IS NULL OR r.validTo > $f2asOf))) }
          WITH n, n.memoryGb AS sortKey
          ORDER BY sortKey IS NULL, sortKey DESC, n.id ASC
          LIMIT $limit
          RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey"
    `);
    expect(query.countQuery).toMatchInlineSnapshot(`
      "
          MATCH (n:Chip)
          WHERE n.vendor = $f0
            AND n.memoryGb >= $f1
            AND EXISTS { MATCH (n)<-[r:RESTRICTS]-(m:Entity) WHERE ($f2ids IS NULL OR m.id IN $f2ids) AND ($f2asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $f2asOf) AND (r.validTo IS NULL OR r.validTo > $f2asOf))) }
          RETURN count(n) AS total"
    `);
    expect(Object.keys(query.params).sort()).toEqual(['f0', 'f1', 'f2asOf', 'f2ids', 'limit']);
  });

  it('adds the keyset condition of an after cursor and sorts names by their stored lower-cased key', () => {
    const after = encodeCursor({ kind: 'Company', field: 'name', descending: false }, { value: 'nvidia', id: 'nvidia' });
    const query = buildListQuery('Company', { filter: { headquarters: { exists: false } }, sortField: 'NAME', descending: false, first: 5, after });
    expect(query.pageQuery).toMatchInlineSnapshot(`
      "
          MATCH (n:Company)
          WHERE n.nameKey IS NOT NULL
            AND NOT EXISTS { MATCH (n)-[r:HEADQUARTERED_IN]->(m:Entity) WHERE ($f0ids IS NULL OR m.id IN $f0ids) AND ($f0asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $f0asOf) AND (r.validTo IS NULL OR r.validTo > $f0asOf))) }
            AND (n.nameKey > $cursorValue OR (n.nameKey = $cursorValue AND n.id > $cursorId))
          WITH n, n.nameKey AS sortKey
          ORDER BY sortKey ASC, n.id ASC
          LIMIT $limit
          RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey"
    `);
    expect(query.params).toMatchObject({ cursorValue: 'nvidia', cursorId: 'nvidia' });
  });
});
