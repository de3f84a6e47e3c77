import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

// The nested queries below are deliberately wide and deep; the cost limits are not what this file tests.
const server = useTestServer({ MAX_COMPLEXITY: '10000000', MAX_DEPTH: '20' });

/** A relationship field's items as a query selects them. */
type Rel<N> = { node: N }[];

/** A chip selected at some depth of the read-ahead test below: fields differ by level, so most are optional. */
interface ChipItem {
  node: {
    id: string;
    description?: string | null;
    sources?: unknown[];
    memoryGb?: number | null;
    vendor?: string | null;
    designers?: Rel<{ designedChips?: ChipItem[] }>;
  };
}

/** Runs a query and returns its data (of shape T) and the number of database round trips the server reported. */
async function measured<T>(query: string, variables: Record<string, unknown>): Promise<{ data: T; dbQueries: number }> {
  const res = await server.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  const dbQueries = res.extensions?.stats?.dbQueries;
  expect(typeof dbQueries).toBe('number');
  return { data: res.data!, dbQueries: dbQueries! };
}

const COMPANIES = `query ($first: Int) {
  companies(first: $first) {
    nodes { id sources { id } headquarters { node { id } }
      models { node { id trainingChips { node { id restrictedBy(asOf: "2025-06-01") { node { id } relationship { sources { id } } } } } } }
    }
  }
}`;

const COUNTRIES = `query ($first: Int) {
  countries(first: $first) {
    nodes { id dataCenters { node { id chips { node { id trainedModels { node { id developer { node { id } } } } } } } } }
  }
}`;

describe('database round trips of nested queries', () => {
  it('costs the same number of queries for companies → models → trainingChips → restrictedBy over 2 or up to 50 parents', async () => {
    type Companies = { companies: { nodes: { models: Rel<{ trainingChips: Rel<{ restrictedBy: Rel<unknown> }> }> }[] } };
    const small = await measured<Companies>(COMPANIES, { first: 2 });
    const large = await measured<Companies>(COMPANIES, { first: 50 });
    expect(small.data.companies.nodes).toHaveLength(2);
    expect(large.data.companies.nodes.length).toBeGreaterThan(30);
    const nested = large.data.companies.nodes.flatMap((c) => c.models.flatMap((m) => m.node.trainingChips.flatMap((t) => t.node.restrictedBy)));
    expect(nested.length).toBeGreaterThan(0);
    expect(large.dbQueries).toBe(small.dbQueries);
    // the page, with headquarters, models, trainingChips and restrictedBy read ahead and answered without waiting;
    // so the companies' sources and the relationships' sources are asked for in the same tick: one batch
    expect(large.dbQueries).toBe(2);
  });

  it('costs the same number of queries for countries → dataCenters → chips → trainedModels → developer over 2 or all countries', async () => {
    type Countries = { countries: { nodes: { dataCenters: Rel<{ chips: Rel<{ trainedModels: Rel<unknown> }> }> }[] } };
    const small = await measured<Countries>(COUNTRIES, { first: 2 });
    const large = await measured<Countries>(COUNTRIES, { first: 50 });
    const models = large.data.countries.nodes.flatMap((c) => c.dataCenters.flatMap((d) => d.node.chips.flatMap((x) => x.node.trainedModels)));
    expect(models.length).toBeGreaterThan(0);
    expect(large.dbQueries).toBe(small.dbQueries);
    // the page with three levels read ahead (dataCenters, chips, trainedModels), then one batch for developer
    expect(large.dbQueries).toBe(2);
  });

  it('reads a list page and the relationship fields under its items in one statement, however many parents', async () => {
    const { data, dbQueries } = await measured<{ chips: { nodes: { restrictedBy: Rel<unknown>; trainedModels: Rel<unknown> }[] } }>(
      `{ chips(first: 50) { nodes { id restrictedBy { node { id } } trainedModels { node { id } } } } }`,
      {},
    );
    expect(data.chips.nodes.some((c) => c.restrictedBy.length > 0 && c.trainedModels.length > 0)).toBe(true);
    // the page, with RESTRICTS in and TRAINED_ON in as subqueries (no count: totalCount is not asked for)
    expect(dbQueries).toBe(1);
  });

  it('reads an entity and three levels of relationships below it in one statement', async () => {
    const { data, dbQueries } = await measured<{ entity: { designedChips: Rel<{ dataCenters: Rel<{ operators: Rel<unknown> }> }> } }>(
      `{ entity(id: "nvidia") { ... on Company { designedChips { node { id dataCenters { node { id operators { node { id } } } } } } } } }`,
      {},
    );
    const operators = data.entity.designedChips.flatMap((c) => c.node.dataCenters.flatMap((d) => d.node.operators));
    expect(operators.length).toBeGreaterThan(0);
    expect(dbQueries).toBe(1);
  });

  it('falls back to one batched query per level below the levels read ahead', async () => {
    type Deep = {
      entity: { designedChips: Rel<{ dataCenters: Rel<{ operators: Rel<{ operatedDataCenters: Rel<{ country: { node: unknown } | null }> }> }> }> };
    };
    const { data, dbQueries } = await measured<Deep>(
      `{ entity(id: "nvidia") { ... on Company { designedChips { node { dataCenters { node { operators { node { id operatedDataCenters { node { id country { node { id } } } } } } } } } } } } }`,
      {},
    );
    const countries = data.entity.designedChips.flatMap((c) =>
      c.node.dataCenters.flatMap((d) => d.node.operators.flatMap((o) => o.node.operatedDataCenters.map((x) => x.node.country))),
    );
    expect(countries.some((c) => c !== null)).toBe(true);
    // three levels ahead in the root statement, then OPERATES out and LOCATED_IN out, one batch each
    expect(dbQueries).toBe(3);
  });
});

describe('reading ahead', () => {
  // Every relationship-field shape: out, in, symmetric, single (outSingle and developer), asOf on two aliases.
  const SUBTREE = `
    id name
    ... on Company {
      designedChips { relationship { type direction from to validFrom validTo confidence notes sources { id } } node { id name
        ... on Chip { then: restrictedBy(asOf: "2025-01-01") { node { id } } now: restrictedBy(asOf: "2025-06-01") { node { id } }
          trainedModels { relationship { chipCount validFrom } node { id ... on Model { developer { node { id } } } } } } } }
      partners { relationship { from to direction } node { id ... on Company { partners { node { id } } } } }
      headquarters { node { id } }
      operatedDataCenters { node { id ... on DataCenter { country { node { id } } tenants { node { id } } } } }
      rentedDataCenters { node { id ... on DataCenter { country { node { id } } } } }
      manufacturedChips { node { id } }
      models { node { id } }
    }`;

  it.each(['nvidia', 'huawei', 'alibaba', 'bytedance', 'deepseek', 'tsmc'])(
    'gives %s the same neighbours, in the same order, as the level-by-level loaders do',
    async (id) => {
      const ahead = await measured<{ entity: { name: string; [field: string]: unknown } }>(`query ($id: ID!) { entity(id: $id) { ${SUBTREE} } }`, { id });
      const name = ahead.data.entity.name;
      // search results are not read ahead: the same subtree comes through the loaders, one batch per level
      const loaded = await measured<{ search: { node: { id: string } }[] }>(
        `query ($text: String!) { search(text: $text, kinds: [COMPANY], first: 10) { node { ${SUBTREE} } } }`,
        {
          text: name,
        },
      );
      const same = loaded.data.search.map((h) => h.node).find((n) => n.id === id);
      expect(same).toEqual(ahead.data.entity);
      const lists = Object.values(ahead.data.entity).filter(Array.isArray) as unknown[][];
      expect(lists.reduce((n, l) => n + l.length, 0)).toBeGreaterThan(0);
      expect(ahead.dbQueries).toBeLessThan(loaded.dbQueries);
    },
  );
});

describe('reading ahead only the selected properties', () => {
  it('answers a relationship field read again deeper in the query, with other fields, from complete lists', async () => {
    // designedChips (DESIGNS out) is read ahead at the top with ids only, and read again two and four levels down
    // (from the batched loaders, whose cache the read-ahead primed) asking for more fields of the same chips.
    const company = `... on Company {
      designedChips { node { id designers { node { id ... on Company { designedChips { node { id name description sources { id } ... on Chip { memoryGb releaseDate }
        designers { node { id ... on Company { designedChips { node { id vendor tpp } } } } } } } } } } } } }`;
    const ahead = await measured<{ entity: { designedChips: ChipItem[] } }>(`query ($id: ID!) { entity(id: $id) { ${company} } }`, { id: 'nvidia' });
    const loaded = await measured<{ search: { node: { id: string; designedChips: ChipItem[] } }[] }>(
      `query { search(text: "Nvidia", kinds: [COMPANY], first: 10) { node { id ${company} } } }`,
      {},
    );
    const nvidia = loaded.data.search.map((h) => h.node).find((n) => n.id === 'nvidia');
    expect(nvidia!.designedChips).toEqual(ahead.data.entity.designedChips);
    const deep = ahead.data.entity.designedChips[0]!.node.designers![0]!.node.designedChips!;
    expect(deep.some((c) => c.node.description && c.node.sources!.length > 0 && c.node.memoryGb !== undefined)).toBe(true);
    const deepest = deep[0]!.node.designers![0]!.node.designedChips!;
    expect(deepest.some((c) => typeof c.node.vendor === 'string')).toBe(true);
  });
});

describe('counting a list', () => {
  it('counts every match only when totalCount is asked for, directly or through a fragment', async () => {
    const bare = await measured('{ chips(first: 3) { nodes { id } } }', {});
    const counted = await measured<{ chips: { totalCount: number } }>('{ chips(first: 3) { totalCount nodes { id } } }', {});
    const viaFragment = await measured<{ chips: { totalCount: number } }>(
      'query { chips(first: 3) { ...Total nodes { id } } } fragment Total on ChipConnection { totalCount }',
      {},
    );
    expect(counted.dbQueries).toBe(bare.dbQueries + 1);
    expect(viaFragment.dbQueries).toBe(counted.dbQueries);
    expect(counted.data.chips.totalCount).toBeGreaterThan(3);
    expect(viaFragment.data.chips.totalCount).toBe(counted.data.chips.totalCount);
  });
});
