MATCH (n:Chip)
RETURN count(*) AS count
