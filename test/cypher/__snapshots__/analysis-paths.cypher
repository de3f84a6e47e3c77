MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = (a)-[*0..6]-(b)
WHERE all(r IN relationships(p) WHERE type(r) IN $types
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))))
  AND all(n IN nodes(p) WHERE n:Entity AND single(m IN nodes(p) WHERE m = n))
WITH p
ORDER BY length(p), [n IN nodes(p) | n.id]
LIMIT $first
RETURN [n IN nodes(p) | n] AS nodes, [r IN relationships(p) | {type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}] AS rels
