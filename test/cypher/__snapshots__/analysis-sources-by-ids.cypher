MATCH (s:Entity:Source)
WHERE s.id IN $ids
RETURN s
ORDER BY s.id
