UNWIND $ids AS id
MATCH (p:Entity {id: id})
RETURN id, COLLECT {
    MATCH (p)-[pr:DESIGNS]->(pn:Chip)
    WHERE ($asOf IS NULL OR ((pr.validFrom IS NULL OR pr.validFrom <= $asOf) AND (pr.validTo IS NULL OR pr.validTo > $asOf)))
      AND (pn.nameKey > $cursorValue OR (pn.nameKey = $cursorValue AND pn.id > $cursorId))
    WITH pr, pn, pn.nameKey AS pk
    ORDER BY pk ASC, pn.id ASC
    LIMIT $limit
    RETURN {node: pn {.*, createdAt: null, updatedAt: null}, rel: pr, from: startNode(pr).id, to: endNode(pr).id, sortKey: pk}
  } AS page
