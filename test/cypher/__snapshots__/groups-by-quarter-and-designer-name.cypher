MATCH (n:Chip)
OPTIONAL MATCH (n)<-[k1r0:DESIGNS]-(k1n0:Company) WHERE ($asOf IS NULL OR ((k1r0.validFrom IS NULL OR k1r0.validFrom <= $asOf) AND (k1r0.validTo IS NULL OR k1r0.validTo > $asOf)))
WITH DISTINCT n, date.truncate('quarter', n.releaseDate) AS g0, k1n0.name AS g1
WITH g0, g1, count(*) AS count
ORDER BY count DESC, g0 IS NULL, g0 ASC, g1 IS NULL, g1 ASC
LIMIT $limit
RETURN g0, g1, count
