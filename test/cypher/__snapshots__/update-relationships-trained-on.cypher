UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:TRAINED_ON]->(:Entity {id: row.to})
SET r += row.props
