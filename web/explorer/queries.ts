import { ENTITY_KINDS, KIND_PROPERTIES, RELATIONSHIP_TYPE_NAMES } from '../../src/graph/ontology.js';

const SOURCE_FIELDS = 'id name title url publisher publishedDate';
const RELATIONSHIP_FIELDS = `type direction from to confidence validFrom validTo notes chipCount gpuHours processNode licenseRequirement sources { ${SOURCE_FIELDS} }`;

/**
 * One entity's facts and sources: the common fields, then the kind's own properties as the ontology lists
 * them. No aliases (the server caps them): a property of the same name on two kinds has the same type.
 */
export const ENTITY_QUERY = `query ExplorerEntity($id: ID!) {
  entity(id: $id) {
    id kind name aliases description
    sources { ${SOURCE_FIELDS} }
    ${ENTITY_KINDS.filter((k) => KIND_PROPERTIES[k].length > 0)
      .map((k) => `... on ${k} { ${KIND_PROPERTIES[k].map((p) => p.name).join(' ')} }`)
      .join('\n    ')}
  }
}`;

/**
 * The drawing around one entity: its neighbours and every relationship among them that held on $asOf, each with
 * its confidence, validity, notes and sources (the side panel lists the ones touching the entity). No `limit`:
 * the server's default (100, also its cap) applies. "Load more" asks again type by type ($types), each up to 100.
 */
export const NEIGHBORHOOD_QUERY = `query ExplorerNeighborhood($id: ID!, $asOf: Date, $types: [RelationshipType!]) {
  neighborhood(id: $id, depth: 1, asOf: $asOf, relationshipTypes: $types) {
    center { id kind name }
    truncated
    nodes { node { id kind name } }
    edges { ${RELATIONSHIP_FIELDS} }
  }
}`;

/**
 * Counts an entity's neighbours by relationship type (each count up to the server's cap of 100), so that a
 * cut neighbourhood says "100 of N" and "load more" knows which types to ask for.
 */
export const COUNT_QUERY = `query ExplorerNeighbourCount($id: ID!, $asOf: Date) {
  ${RELATIONSHIP_TYPE_NAMES.map((t) => `${t}: neighborhood(id: $id, depth: 1, asOf: $asOf, relationshipTypes: [${t}]) { truncated nodes { distance } }`).join('\n  ')}
}`;

export const SEARCH_QUERY = `query ExplorerSearch($text: String!) {
  search(text: $text, first: 8) { score node { id kind name description } }
}`;
