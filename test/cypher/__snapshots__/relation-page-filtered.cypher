UNWIND $ids AS id
MATCH (p:Entity {id: id})
RETURN id, COLLECT {
    MATCH (p)-[pr:EQUIPPED_WITH]->(pn:Chip)
    WHERE ($asOf IS NULL OR ((pr.validFrom IS NULL OR pr.validFrom <= $asOf) AND (pr.validTo IS NULL OR pr.validTo > $asOf)))
      AND pn.vendor = $f0
      AND pr.chipCount >= $rel0
      AND coalesce(pr.confidence, 'high') IN $rel1
      AND pr.validFrom < $rel2
    WITH pr, pn, pn.memoryGb AS pk
    ORDER BY pk IS NULL, pk DESC, pn.id ASC
    LIMIT $limit
    RETURN {node: pn {.*, createdAt: null, updatedAt: null}, rel: pr, from: startNode(pr).id, to: endNode(pr).id, sortKey: pk}
  } AS page,
  COUNT { MATCH (p)-[pr:EQUIPPED_WITH]->(pn:Chip) WHERE ($asOf IS NULL OR ((pr.validFrom IS NULL OR pr.validFrom <= $asOf) AND (pr.validTo IS NULL OR pr.validTo > $asOf))) AND pn.vendor = $f0 AND pr.chipCount >= $rel0 AND coalesce(pr.confidence, 'high') IN $rel1 AND pr.validFrom < $rel2 } AS total
