MATCH (n:Company)
WHERE n.nameKey IS NOT NULL
WITH n, n.nameKey AS sortKey
ORDER BY sortKey ASC, n.id ASC
LIMIT $limit
RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey,
COLLECT { MATCH (n)-[pr0:DEVELOPS]->(pm0:Entity) WHERE ($prefetchAsOf0 IS NULL OR ((pr0.validFrom IS NULL OR pr0.validFrom <= $prefetchAsOf0) AND (pr0.validTo IS NULL OR pr0.validTo > $prefetchAsOf0)))
  WITH pr0, pm0 ORDER BY toLower(pm0.name), pm0.id
  RETURN {node: pm0 {.*, createdAt: null, updatedAt: null}, rel: pr0, from: startNode(pr0).id, to: endNode(pr0).id, c0: COLLECT { MATCH (pm0)-[pr1:TRAINED_ON]->(pm1:Entity) WHERE ($prefetchAsOf0 IS NULL OR ((pr1.validFrom IS NULL OR pr1.validFrom <= $prefetchAsOf0) AND (pr1.validTo IS NULL OR pr1.validTo > $prefetchAsOf0)))
  WITH pr1, pm1 ORDER BY toLower(pm1.name), pm1.id
  RETURN {node: pm1 {.*, createdAt: null, updatedAt: null}, rel: pr1, from: startNode(pr1).id, to: endNode(pr1).id, c0: COLLECT { MATCH (pm1)<-[pr2:EQUIPPED_WITH]-(pm2:Entity) WHERE ($prefetchAsOf0 IS NULL OR ((pr2.validFrom IS NULL OR pr2.validFrom <= $prefetchAsOf0) AND (pr2.validTo IS NULL OR pr2.validTo > $prefetchAsOf0)))
  WITH pr2, pm2 ORDER BY toLower(pm2.name), pm2.id
  RETURN {node: pm2 {.id, .name, .kind}, rel: pr2, from: startNode(pr2).id, to: endNode(pr2).id} }} }} } AS p0
