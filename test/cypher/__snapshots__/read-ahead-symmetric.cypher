MATCH (n:Company)
WHERE n.nameKey IS NOT NULL
WITH n, n.nameKey AS sortKey
ORDER BY sortKey ASC, n.id ASC
LIMIT $limit
RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey,
COLLECT { MATCH (n)-[pr0:PARTNERS_WITH]-(pm0:Entity) WHERE ($prefetchAsOf0 IS NULL OR ((pr0.validFrom IS NULL OR pr0.validFrom <= $prefetchAsOf0) AND (pr0.validTo IS NULL OR pr0.validTo > $prefetchAsOf0)))
  WITH pr0, pm0 ORDER BY toLower(pm0.name), pm0.id
  RETURN {node: pm0 {.*, createdAt: null, updatedAt: null}, rel: pr0, from: startNode(pr0).id, to: endNode(pr0).id} } AS p0
