UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:TRAINED_ON]->(b)
SET r = row.props
RETURN count(r) AS written
