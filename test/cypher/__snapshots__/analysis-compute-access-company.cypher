MATCH (co:Entity:Company {id: $company})
OPTIONAL MATCH (co)-[hq:HEADQUARTERED_IN]->(home:Entity:Country)
WHERE ((hq.validFrom IS NULL OR hq.validFrom <= $asOf) AND (hq.validTo IS NULL OR hq.validTo > $asOf))
RETURN co, home
ORDER BY home.id
LIMIT 1
