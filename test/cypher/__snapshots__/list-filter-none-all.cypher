MATCH (n:Chip)
WHERE n.nameKey IS NOT NULL
  AND NOT EXISTS { MATCH (n)<-[f0r:RESTRICTS]-(f0m:Regulation) WHERE ((f0r.validFrom IS NULL OR f0r.validFrom <= $f0r0) AND (f0r.validTo IS NULL OR f0r.validTo > $f0r0)) }
  AND NOT EXISTS { MATCH (n)<-[f1r:EQUIPPED_WITH]-(f1m:DataCenter) WHERE NOT coalesce(f1r.chipCount >= $f1r0 AND f1m.status IN $f2, false) }
WITH n, n.nameKey AS sortKey
ORDER BY sortKey ASC, n.id ASC
LIMIT $limit
RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey
