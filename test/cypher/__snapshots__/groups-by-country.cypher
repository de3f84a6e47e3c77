MATCH (n:DataCenter)
OPTIONAL MATCH (n)-[k0r0:LOCATED_IN]->(k0n0:Country) WHERE ($asOf IS NULL OR ((k0r0.validFrom IS NULL OR k0r0.validFrom <= $asOf) AND (k0r0.validTo IS NULL OR k0r0.validTo > $asOf)))
WITH n, k0n0 AS g0
WITH g0, count(*) AS count, sum(n.powerMw) AS s0
ORDER BY count DESC, g0 IS NULL, g0.nameKey ASC, g0.id
LIMIT $limit
RETURN g0 {.*, createdAt: null, updatedAt: null} AS g0, count, s0
