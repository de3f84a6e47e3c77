MATCH (chip:Entity:Chip)
WHERE chip.id IN $chips
RETURN chip.id AS id, COLLECT {
  MATCH (chip)<-[:DESIGNS]-(:Entity:Company)-[:HEADQUARTERED_IN]->(home:Entity:Country)
  WHERE home.isoCode IS NOT NULL
  RETURN DISTINCT home.isoCode
} AS homes,
EXISTS { MATCH (chip)<-[r:RESTRICTS]-(:Entity:Regulation) WHERE r.basis IS NULL OR r.basis <> 'DERIVED' } AS curated
