MATCH (n:Entity)
RETURN properties(n) AS p
