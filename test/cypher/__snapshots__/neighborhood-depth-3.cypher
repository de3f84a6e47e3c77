MATCH (center:Entity {id: $id})
CALL (center) {
  MATCH p = ANY SHORTEST (center)((a)-[r]-(b) WHERE b:Entity AND type(r) IN $types AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND b.kind IN $kinds
    AND (a = center OR COUNT { (a)--() } <= $hubDegree)){1,3}(n:Entity)
  WHERE n <> center
  WITH n, length(p) AS distance
  ORDER BY distance, n.name, n.id
  LIMIT $limit + 1
  WITH collect({node: n, distance: distance}) AS reached
  WITH reached[..$limit] AS kept, size(reached) > $limit AS nodesCut
  // A kept hub short of the depth was not walked through: its neighbours may be missing. A hub that was not kept
  // needs no test: the answer is cut already.
  WITH kept, nodesCut, [k IN kept WHERE k.distance < 3 | k.node] AS inner
  RETURN kept, nodesCut, any(m IN inner WHERE COUNT { (m)--() } > $hubDegree) AS hubCut
}
CALL (center, kept) {
  WITH [center] + [k IN kept | k.node] AS members
  WITH members, [m IN members WHERE COUNT { (m)--() } > $hubDegree] AS hubs
  CALL (members, hubs) {
    UNWIND members AS a
    WITH a WHERE NOT a IN hubs
    MATCH (a)-[r]-(b)
    WHERE b IN members AND type(r) IN $types AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    RETURN r
    UNION
    UNWIND hubs AS a
    UNWIND hubs AS b
    MATCH (a)-[r]->(b)
    WHERE type(r) IN $types AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    RETURN r
  }
  WITH r ORDER BY type(r), startNode(r).id, endNode(r).id
  LIMIT $edgeLimit
  RETURN collect({type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}) AS edges
}
RETURN center, kept, nodesCut OR hubCut AS nodesCut, edges
