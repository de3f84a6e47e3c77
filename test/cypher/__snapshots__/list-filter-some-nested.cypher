MATCH (n:Company)
WHERE n.nameKey IS NOT NULL
  AND EXISTS { MATCH (n)-[f0r:OPERATES]->(f0m:DataCenter) WHERE f0m.powerMw > $f1 AND EXISTS { MATCH (f0m)-[f2r:LOCATED_IN]->(f2m:Country) WHERE f2m.isoCode = $f3 } }
WITH n, n.nameKey AS sortKey
ORDER BY sortKey ASC, n.id ASC
LIMIT $limit
RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey
