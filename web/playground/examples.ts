/** The operations the playground opens with: the README's questions, one tab each. */
export interface ExampleTab {
  readonly query: string;
  readonly variables?: string;
  readonly headers?: string;
}

/** Headers editor content: a place for the API key that writes need (left empty, it is not sent). */
export const HEADERS_PLACEHOLDER = JSON.stringify({ 'x-api-key': '' }, null, 2);

const offshore = `# Who reaches restricted chips offshore? The "cloud loophole": routes by which a company reaches
# compute, classified against the export rules in force on the date. The offshore routes come first,
# then every other route.
query OffshoreAccess($company: ID!, $asOf: Date) {
  computeAccess(company: $company, asOf: $asOf) {
    asOf
    homeCountry { name }
    offshoreRoutes: routes(classifications: [RESTRICTED_OFFSHORE]) { ...Route }
    otherRoutes: routes(classifications: [RESTRICTED_REMOTE_ACCESS, RESTRICTED_DOMESTIC, UNRESTRICTED, UNKNOWN]) { ...Route }
  }
}

fragment Route on ComputeRoute {
  classification
  kind
  chip { id name }
  dataCenter { id name }
  dataCenterCountry { name }
  restrictions { regulation { id name } destinations { name } }
  confidence
  sources { title url }
}`;

const h100 = `# Who uses the H100? Every company and model that uses it, directly or through rented capacity, and how.
query WhoUsesH100($chip: ID!, $asOf: Date) {
  whoUses(chip: $chip, asOf: $asOf) {
    users {
      entity { id kind name }
      how
      direct
      dataCenter { name country { node { name } } }
      confidence
    }
    restrictions { regulation { name } destinations { name } }
  }
}`;

const h20 = `# What changed when the H20 was restricted? The rules restricting it before and after April 2025,
# and the dated events around the chip.
query H20BeforeAfter($chip: ID!) {
  timeline(id: $chip, from: "2024-01-01", to: "2025-12-31") {
    events { date kind description other { id name } }
  }
  entity(id: $chip) {
    name
    ... on Chip {
      before: restrictedBy(asOf: "2025-01-01") { node { id name } }
      after: restrictedBy(asOf: "2025-06-01") {
        node { id name effectiveDate }
        relationship { validFrom licenseRequirement notes sources { title url } }
      }
    }
  }
}`;

export const EXAMPLE_TABS: readonly ExampleTab[] = [
  { query: offshore, variables: JSON.stringify({ company: 'bytedance', asOf: '2025-06-01' }, null, 2), headers: HEADERS_PLACEHOLDER },
  { query: h100, variables: JSON.stringify({ chip: 'nvidia-h100', asOf: '2025-06-01' }, null, 2), headers: HEADERS_PLACEHOLDER },
  { query: h20, variables: JSON.stringify({ chip: 'nvidia-h20' }, null, 2), headers: HEADERS_PLACEHOLDER },
];
