UNWIND $rows AS row
CREATE (n:Entity:Chip)
SET n = row.props, n.createdAt = datetime(), n.updatedAt = datetime()
SET n.nameKey = toLower(n.name)
