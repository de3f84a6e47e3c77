MATCH (co:Entity:Company)
CALL (co) {
  
  MATCH p = (co)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND ($chips IS NULL OR chip.id IN $chips)
  RETURN 'OWN_DATA_CENTER' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
  UNION
  MATCH p = (co)-[:RENTS_CAPACITY_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND ($chips IS NULL OR chip.id IN $chips)
  RETURN 'RENTED_CAPACITY' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
  UNION
  MATCH p = (co)-[:PARTNERS_WITH]-(:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND ($chips IS NULL OR chip.id IN $chips)
  RETURN 'PARTNER_INFRASTRUCTURE' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
  UNION
  MATCH p = (co)<-[:SUBSIDIARY_OF]-(:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND ($chips IS NULL OR chip.id IN $chips)
  RETURN 'SUBSIDIARY_DATA_CENTER' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
  UNION
  MATCH p = (co)-[:DEVELOPS]->(m:Entity:Model)-[:TRAINED_ON]->(chip:Entity:Chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf))) AND ($chips IS NULL OR chip.id IN $chips)
  OPTIONAL MATCH (m)-[site:TRAINED_AT]->(dc:Entity:DataCenter)
  WHERE ((site.validFrom IS NULL OR site.validFrom <= $asOf) AND (site.validTo IS NULL OR site.validTo > $asOf))
  RETURN 'TRAINING_HARDWARE' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, CASE WHEN site IS NULL THEN [] ELSE [site] END AS extra
}
CALL (co) {
  OPTIONAL MATCH (co)-[hq:HEADQUARTERED_IN]->(home:Entity:Country)
  WHERE ((hq.validFrom IS NULL OR hq.validFrom <= $asOf) AND (hq.validTo IS NULL OR hq.validTo > $asOf))
  WITH home ORDER BY home.id
  RETURN head(collect(home)) AS home
}
CALL (dc) {
  OPTIONAL MATCH (dc)-[loc:LOCATED_IN]->(country:Entity:Country)
  WHERE ((loc.validFrom IS NULL OR loc.validFrom <= $asOf) AND (loc.validTo IS NULL OR loc.validTo > $asOf))
  WITH country ORDER BY country.id
  RETURN head(collect(country)) AS dcCountry
}
WITH co, kind, ns, rs, extra, dc, chip, home, dcCountry
ORDER BY co.name, chip.name, dc.name, kind, [n IN ns | n.id]
LIMIT $limit
RETURN co {.*, createdAt: null, updatedAt: null} AS co, kind, [n IN ns | n {.*, createdAt: null, updatedAt: null}] AS ns, [r IN rs | {type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}] AS rels,
  [r IN extra | {type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}] AS extraRels, dc {.*, createdAt: null, updatedAt: null} AS dc, chip {.*, createdAt: null, updatedAt: null} AS chip,
  home {.*, createdAt: null, updatedAt: null} AS home, dcCountry {.*, createdAt: null, updatedAt: null} AS dcCountry
