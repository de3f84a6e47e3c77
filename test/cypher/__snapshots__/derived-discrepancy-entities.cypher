MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n {.*, createdAt: null, updatedAt: null} AS n
