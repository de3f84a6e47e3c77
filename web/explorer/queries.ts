import { ENTITY_KINDS, KIND_PROPERTIES } from '../../src/graph/ontology.js';

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
 * the server's default (100) applies, and the query stays within the complexity budget, which would multiply
 * everything inside by an explicit limit.
 */
export const NEIGHBORHOOD_QUERY = `query ExplorerNeighborhood($id: ID!, $asOf: Date) {
  neighborhood(id: $id, depth: 1, asOf: $asOf) {
    center { id kind name }
    truncated
    nodes { node { id kind name } }
    edges { ${RELATIONSHIP_FIELDS} }
  }
}`;

export const SEARCH_QUERY = `query ExplorerSearch($text: String!) {
  search(text: $text, first: 8) { score node { id kind name description } }
}`;
