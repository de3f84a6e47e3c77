MATCH (c:Change)
WHERE c.sequence > $after
RETURN c
ORDER BY c.sequence ASC
LIMIT $limit
