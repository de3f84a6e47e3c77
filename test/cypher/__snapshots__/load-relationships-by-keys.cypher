UNWIND $keys AS k
MATCH (a:Entity {id: k.from})-[r]-(b:Entity {id: k.to})
WHERE type(r) = k.type AND (k.symmetric OR startNode(r) = a)
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS p
