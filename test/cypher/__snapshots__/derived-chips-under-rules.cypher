MATCH (chip:Entity:Chip)
WHERE chip.id IN $ids
RETURN properties(chip) AS p, COLLECT {
    MATCH (chip)<-[:DESIGNS]-(:Entity:Company)-[:HEADQUARTERED_IN]->(home:Entity:Country)
    WHERE home.isoCode IS NOT NULL
    RETURN DISTINCT home.isoCode
  } AS designerHomes,
  COLLECT { MATCH (reg:Entity:Regulation)-[r:RESTRICTS]->(chip) RETURN {from: reg.id, p: properties(r)} } AS restricts
