MATCH (n:DataCenter)
OPTIONAL MATCH (n)-[k0r0:EQUIPPED_WITH]->(k0n0:Chip) WHERE ($asOf IS NULL OR ((k0r0.validFrom IS NULL OR k0r0.validFrom <= $asOf) AND (k0r0.validTo IS NULL OR k0r0.validTo > $asOf)))
OPTIONAL MATCH (n)-[k1r0:LOCATED_IN]->(k1n0:Country) WHERE ($asOf IS NULL OR ((k1r0.validFrom IS NULL OR k1r0.validFrom <= $asOf) AND (k1r0.validTo IS NULL OR k1r0.validTo > $asOf)))
WITH n, k0n0 AS g0, k1n0 AS g1, k0r0
WITH n, g0, g1, sum(k0r0.chipCount) AS prchipsChipCountsum, min(k0r0.chipCount) AS prchipsChipCountmin, max(k0r0.chipCount) AS prchipsChipCountmax, count(k0r0.chipCount) AS prchipsChipCountn
WITH g0, g1, count(*) AS count, sum(prchipsChipCountsum) AS rchipsChipCountsum, min(prchipsChipCountmin) AS rchipsChipCountmin, max(prchipsChipCountmax) AS rchipsChipCountmax, sum(prchipsChipCountn) AS rchipsChipCountn
ORDER BY count DESC, g0 IS NULL, g0.nameKey ASC, g0.id, g1 IS NULL, g1.nameKey ASC, g1.id
LIMIT $limit
RETURN g0 {.*, createdAt: null, updatedAt: null} AS g0, g1 {.*, createdAt: null, updatedAt: null} AS g1, count, rchipsChipCountsum, rchipsChipCountmin, rchipsChipCountmax, CASE WHEN rchipsChipCountn = 0 THEN null ELSE toFloat(rchipsChipCountsum) / rchipsChipCountn END AS rchipsChipCountavg
