MATCH (n:Model)
OPTIONAL MATCH (n)<-[k0r0:DEVELOPS]-(k0n0:Company)-[k0r1:HEADQUARTERED_IN]->(k0n1:Country) WHERE ($asOf IS NULL OR ((k0r0.validFrom IS NULL OR k0r0.validFrom <= $asOf) AND (k0r0.validTo IS NULL OR k0r0.validTo > $asOf))) AND ($asOf IS NULL OR ((k0r1.validFrom IS NULL OR k0r1.validFrom <= $asOf) AND (k0r1.validTo IS NULL OR k0r1.validTo > $asOf)))
WITH DISTINCT n, k0n1 AS g0
WITH g0, count(*) AS count
ORDER BY g0 IS NULL, g0.nameKey ASC, g0.id, count DESC
LIMIT $limit
RETURN g0 {.*, createdAt: null, updatedAt: null} AS g0, count
