MATCH (center:Entity {id: $id})
CALL (center) {
  MATCH p = ANY SHORTEST (center)((a)-[r]-(b) WHERE b:Entity AND type(r) IN $types
AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
AND ($kinds IS NULL OR b.kind IN $kinds)){1,3}(n:Entity)
  WHERE n <> center
  WITH n, length(p) AS distance
  ORDER BY distance, n.name, n.id
  LIMIT $limit + 1
  RETURN collect({node: n, distance: distance}) AS reached
}
WITH center, reached[..$limit] AS kept, size(reached) > $limit AS nodesCut
CALL (center, kept) {
  WITH [center] + [k IN kept | k.node] AS members
  UNWIND members AS a
  MATCH (a)-[r]->(b)
  WHERE b IN members AND type(r) IN $types
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  WITH r ORDER BY type(r), startNode(r).id, endNode(r).id
  LIMIT $edgeLimit
  RETURN collect({type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}) AS edges
}
RETURN center, kept, nodesCut, edges
