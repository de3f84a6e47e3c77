CALL { MATCH (n:DataCenter) RETURN count(n) AS total }
CALL { MATCH (n:DataCenter) WHERE n.status IS NOT NULL WITH n.status AS g0, count(*) AS count RETURN collect({g0: g0, count: count}) AS valued }
WITH valued, total - reduce(s = 0, v IN valued | s + v.count) AS unvalued
UNWIND valued + CASE WHEN unvalued > 0 THEN [{g0: null, count: unvalued}] ELSE [] END AS row
WITH row.g0 AS g0, row.count AS count
ORDER BY count DESC, g0 IS NULL, g0 ASC
LIMIT $limit
RETURN g0, count
