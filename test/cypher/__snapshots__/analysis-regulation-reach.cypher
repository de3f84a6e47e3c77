MATCH (reg:Entity:Regulation {id: $regulation})
WITH reg, ((reg.effectiveDate IS NULL OR reg.effectiveDate <= $asOf) AND (reg.rescindedDate IS NULL OR $asOf < reg.rescindedDate)) AS inForce
RETURN reg, inForce,
  COLLECT {
    MATCH (reg)-[ra:APPLIES_TO]->(dest:Entity:Country)
    WHERE ((ra.validFrom IS NULL OR ra.validFrom <= $asOf) AND (ra.validTo IS NULL OR ra.validTo > $asOf))
    RETURN dest ORDER BY dest.name, dest.id
  } AS destinations,
  COLLECT {
    MATCH (reg)-[rr:RESTRICTS]->(chip:Entity:Chip)
    WHERE inForce AND ((rr.validFrom IS NULL OR rr.validFrom <= $asOf) AND (rr.validTo IS NULL OR rr.validTo > $asOf))
    RETURN chip ORDER BY chip.name, chip.id
  } AS chips
