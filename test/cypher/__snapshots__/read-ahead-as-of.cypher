MATCH (n:Chip)
WHERE n.nameKey IS NOT NULL
WITH n, n.nameKey AS sortKey
ORDER BY sortKey ASC, n.id ASC
LIMIT $limit
RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey,
COLLECT { MATCH (n)<-[pr0:RESTRICTS]-(pm0:Entity) WHERE ($prefetchAsOf0 IS NULL OR ((pr0.validFrom IS NULL OR pr0.validFrom <= $prefetchAsOf0) AND (pr0.validTo IS NULL OR pr0.validTo > $prefetchAsOf0)))
  WITH pr0, pm0 ORDER BY toLower(pm0.name), pm0.id
  RETURN {node: pm0 {.*, createdAt: null, updatedAt: null}, rel: pr0, from: startNode(pr0).id, to: endNode(pr0).id} } AS p0,
COLLECT { MATCH (n)<-[pr1:EQUIPPED_WITH]-(pm1:Entity) WHERE ($prefetchAsOf0 IS NULL OR ((pr1.validFrom IS NULL OR pr1.validFrom <= $prefetchAsOf0) AND (pr1.validTo IS NULL OR pr1.validTo > $prefetchAsOf0)))
  WITH pr1, pm1 ORDER BY toLower(pm1.name), pm1.id
  RETURN {node: pm1 {.*, createdAt: null, updatedAt: null}, rel: pr1, from: startNode(pr1).id, to: endNode(pr1).id} } AS p1,
COLLECT { MATCH (n)<-[pr2:TRAINED_ON]-(pm2:Entity) WHERE ($prefetchAsOf1 IS NULL OR ((pr2.validFrom IS NULL OR pr2.validFrom <= $prefetchAsOf1) AND (pr2.validTo IS NULL OR pr2.validTo > $prefetchAsOf1)))
  WITH pr2, pm2 ORDER BY toLower(pm2.name), pm2.id
  RETURN {node: pm2 {.*, createdAt: null, updatedAt: null}, rel: pr2, from: startNode(pr2).id, to: endNode(pr2).id} } AS p2
