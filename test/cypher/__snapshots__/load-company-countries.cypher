MATCH (c:Entity:Company)-[:HEADQUARTERED_IN]->(k:Entity:Country)
RETURN c.id AS id, k.name AS country
