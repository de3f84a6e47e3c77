MATCH (reg:Entity:Regulation)-[rr:RESTRICTS]->(chip:Entity:Chip)
WHERE chip.id IN $chips AND ((reg.effectiveDate IS NULL OR reg.effectiveDate <= $asOf) AND (reg.rescindedDate IS NULL OR $asOf < reg.rescindedDate)) AND ((rr.validFrom IS NULL OR rr.validFrom <= $asOf) AND (rr.validTo IS NULL OR rr.validTo > $asOf))
RETURN chip.id AS chip, reg, rr.licenseRequirement AS licenseRequirement, rr.sourceIds AS sourceIds,
  rr {.basis, .paragraph, .criterion, .evidence} AS basis,
  COLLECT {
    MATCH (reg)-[ra:APPLIES_TO]->(dest:Entity:Country)
    WHERE ((ra.validFrom IS NULL OR ra.validFrom <= $asOf) AND (ra.validTo IS NULL OR ra.validTo > $asOf))
    RETURN dest ORDER BY dest.name, dest.id
  } AS destinations
ORDER BY reg.effectiveDate, reg.id
