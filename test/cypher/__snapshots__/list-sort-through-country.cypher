MATCH (n:DataCenter)
WITH n, head([(n)-[:LOCATED_IN]->(s:Country) | s.nameKey]) AS sortKey
ORDER BY sortKey IS NULL, sortKey DESC, n.id ASC
LIMIT $limit
RETURN n {.*, createdAt: null, updatedAt: null} AS n, sortKey
