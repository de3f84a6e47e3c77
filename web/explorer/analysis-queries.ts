/** The analysis operations the explorer runs: paths, who uses a chip, a regulation's exposure, an entity's timeline. */

const REF = 'id kind name';
const PATH = `nodes { ${REF} } edges { type from to confidence validFrom validTo }`;

export const PATHS_QUERY = `query ExplorerPaths($from: ID!, $to: ID!, $asOf: Date) {
  shortestPath(from: $from, to: $to, asOf: $asOf) { length ${PATH} }
  paths(from: $from, to: $to, asOf: $asOf, first: 5) { length ${PATH} }
}`;

export const WHO_USES_QUERY = `query ExplorerWhoUses($chip: ID!, $asOf: Date) {
  whoUses(chip: $chip, asOf: $asOf) {
    chip { ${REF} }
    asOf truncated
    users { entity { ${REF} } how direct confidence dataCenter { ${REF} } path { ${PATH} } }
    restrictions { regulation { ${REF} } }
  }
}`;

export const EXPOSURE_QUERY = `query ExplorerExposure($regulation: ID!, $asOf: Date) {
  exposure(regulation: $regulation, asOf: $asOf) {
    regulation { ${REF} }
    asOf inForce truncated
    destinations { ${REF} }
    chips { ${REF} }
    companies { company { ${REF} } homeCountry { ${REF} } homeCovered offshore routes { classification chip { ${REF} } dataCenter { ${REF} } path { ${PATH} } } }
  }
}`;

export const TIMELINE_QUERY = `query ExplorerTimeline($id: ID!) {
  timeline(id: $id) { truncated events { date kind description other { ${REF} } } }
}`;

export interface WirePath {
  readonly length: number;
  readonly nodes: { id: string; kind: string; name: string }[];
  readonly edges: { type: string; from: string; to: string; confidence: string; validFrom: string | null; validTo: string | null }[];
}
