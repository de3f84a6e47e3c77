MATCH (chip:Entity:Chip)
WHERE chip.id IN $chips
RETURN chip.id AS chip, COLLECT {
  MATCH (designer:Entity:Company)-[ds:DESIGNS]->(chip)
  WHERE ((ds.validFrom IS NULL OR ds.validFrom <= $asOf) AND (ds.validTo IS NULL OR ds.validTo > $asOf))
  OPTIONAL MATCH (designer)-[hq:HEADQUARTERED_IN]->(home:Entity:Country)
  WHERE ((hq.validFrom IS NULL OR hq.validFrom <= $asOf) AND (hq.validTo IS NULL OR hq.validTo > $asOf))
  RETURN coalesce(home.isoCode, '') AS iso
} AS designers
