MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = ANY SHORTEST (a)((x)-[r]-(y) WHERE y:Entity AND type(r) IN $types
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))){0,6}(b)
RETURN [n IN nodes(p) | n] AS nodes, [r IN relationships(p) | {type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}] AS rels
