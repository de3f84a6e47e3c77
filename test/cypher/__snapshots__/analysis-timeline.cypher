MATCH (e:Entity {id: $id})
CALL (e) {
  UNWIND [['PUBLISHED', e.publishedDate], ['TOOK_EFFECT', e.effectiveDate], ['RESCINDED', e.rescindedDate],
          ['RELEASED', e.releaseDate], ['BECAME_OPERATIONAL', e.operationalDate]] AS own
  WITH own WHERE own[1] IS NOT NULL
  RETURN own[0] AS kind, own[1] AS date, null AS rel, null AS other
  UNION ALL
  MATCH (e)-[r]-(other:Entity)
  UNWIND [['RELATIONSHIP_STARTED', r.validFrom], ['RELATIONSHIP_ENDED', r.validTo]] AS bound
  WITH bound, r, other WHERE bound[1] IS NOT NULL
  RETURN bound[0] AS kind, bound[1] AS date, {type: type(r), props: r, from: startNode(r).id, to: endNode(r).id} AS rel, other
}
WITH e, kind, date, rel, other
WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to)
ORDER BY date, CASE WHEN rel IS NULL THEN 0 ELSE 1 END, kind, other.name, rel.type
LIMIT $limit
RETURN e, kind, date, rel, other
