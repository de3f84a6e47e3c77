UNWIND $keys AS k
MATCH (a:Entity {id: k.from})
MATCH (b:Entity {id: k.to})
CALL (a, b, k) {
  MATCH (a)-[r]-(b)
  WHERE type(r) = k.type AND (k.symmetric OR startNode(r) = a)
  RETURN r
}
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS p
