UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props, n.updatedAt = datetime()
SET n.nameKey = toLower(n.name)
