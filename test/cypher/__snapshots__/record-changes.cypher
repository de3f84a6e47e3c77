UNWIND $rows AS row
CREATE (c:Change)
SET c = row, c.at = datetime($at)
RETURN count(c) AS recorded
