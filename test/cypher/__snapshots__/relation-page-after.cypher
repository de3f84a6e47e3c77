UNWIND $ids AS id
MATCH (p:Entity {id: id})
RETURN id, COLLECT {
    MATCH (p)-[r:DESIGNS]->(n:Chip)
    WHERE ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
      AND (n.nameKey > $cursorValue OR (n.nameKey = $cursorValue AND n.id > $cursorId))
    WITH r, n, n.nameKey AS sortKey
    ORDER BY sortKey ASC, n.id ASC
    LIMIT $limit
    RETURN {node: n {.*, createdAt: null, updatedAt: null}, rel: r, from: startNode(r).id, to: endNode(r).id, sortKey: sortKey}
  } AS page
