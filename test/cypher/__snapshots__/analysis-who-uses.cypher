MATCH (chip:Entity:Chip {id: $chip})
CALL (chip) {
  MATCH p = (user:Entity:Model)-[:TRAINED_ON]->(chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  RETURN user, 'TRAINED_ON' AS how, p, null AS dc
  UNION
  MATCH p = (user:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  RETURN user, 'OPERATES_DATA_CENTER' AS how, p, dc
  UNION
  MATCH p = (user:Entity:Company)-[:RENTS_CAPACITY_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  RETURN user, 'RENTS_CAPACITY' AS how, p, dc
  UNION
  MATCH p = (user:Entity:Company)-[:DEVELOPS]->(:Entity:Model)-[:TRAINED_ON]->(chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  RETURN user, 'DEVELOPS_MODEL_TRAINED_ON' AS how, p, null AS dc
  UNION
  MATCH p = (user:Entity:Model)-[:TRAINED_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)
  WHERE all(r IN relationships(p) WHERE ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  RETURN user, 'TRAINED_AT_DATA_CENTER' AS how, p, dc
}
WITH chip, user, how, p, dc
ORDER BY user.name, user.id, how, [n IN nodes(p) | n.id]
LIMIT $limit
RETURN chip, user, how, dc, nodes(p) AS nodes, [r IN relationships(p) | {type: type(r), props: r, from: startNode(r).id, to: endNode(r).id}] AS rels
