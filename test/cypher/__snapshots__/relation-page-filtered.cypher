UNWIND $ids AS id
MATCH (p:Entity {id: id})
RETURN id, COLLECT {
    MATCH (p)-[r:EQUIPPED_WITH]->(n:Chip)
    WHERE ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
      AND n.vendor = $f0
      AND r.chipCount >= $rel0
      AND coalesce(r.confidence, 'high') IN $rel1
      AND r.validFrom < $rel2
    WITH r, n, n.memoryGb AS sortKey
    ORDER BY sortKey IS NULL, sortKey DESC, n.id ASC
    LIMIT $limit
    RETURN {node: n {.*, createdAt: null, updatedAt: null}, rel: r, from: startNode(r).id, to: endNode(r).id, sortKey: sortKey}
  } AS page,
  COUNT { MATCH (p)-[r:EQUIPPED_WITH]->(n:Chip) WHERE ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND n.vendor = $f0 AND r.chipCount >= $rel0 AND coalesce(r.confidence, 'high') IN $rel1 AND r.validFrom < $rel2 } AS total
