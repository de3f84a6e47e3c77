UNWIND $ids AS id
MATCH (n:Entity {id: id})<-[r:RESTRICTS]-(m:Entity)
WHERE ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
RETURN id, m {.*, createdAt: null, updatedAt: null} AS node, r AS rel, startNode(r).id AS from, endNode(r).id AS to
ORDER BY toLower(m.name), m.id
