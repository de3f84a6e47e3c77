MATCH (n:Chip)
WHERE n.vendor = $f0
  AND EXISTS { MATCH (n)<-[r:RESTRICTS]-(m:Entity) WHERE ($f1ids IS NULL OR m.id IN $f1ids) AND ($f1asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $f1asOf) AND (r.validTo IS NULL OR r.validTo > $f1asOf))) }
RETURN count(*) AS count, min(n.memoryGb) AS s0, max(n.memoryGb) AS s1, avg(n.memoryGb) AS s2, sum(n.memoryGb) AS s3, min(n.releaseDate) AS s4, count(DISTINCT n.architecture) AS s5
