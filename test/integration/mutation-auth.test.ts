import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/graph/ontology.js';
import { useTestServer } from './harness.js';
import { API_KEY, jwt, removeEntities, snapshot, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const prefix = uniquePrefix('auth');
const scope = { prefix, ids: ['nvidia', 'tsmc', 'deepseek', 'deepseek-v3'] };
afterAll(async () => {
  await removeEntities(server, [`${prefix}-co`, `${prefix}-jwt`]);
});

/** One call of every mutation, with arguments that would be valid for an editor. */
const MUTATIONS: { name: string; query: string; variables: Record<string, unknown> }[] = [
  ...ENTITY_KINDS.flatMap((kind) => [
    {
      name: `create${kind}`,
      query: `mutation($input: Create${kind}Input!) { create${kind}(input: $input) { errors { code } } }`,
      variables: { input: { id: `${prefix}-x`, name: 'X', sources: ['src-iso-3166-1'] } },
    },
    {
      name: `update${kind}`,
      query: `mutation($input: Update${kind}Input!) { update${kind}(id: "${prefix}-x", input: $input) { errors { code } } }`,
      variables: { input: { name: 'Y' } },
    },
  ]),
  { name: 'deleteEntity', query: `mutation { deleteEntity(id: "${prefix}-x") { errors { code } } }`, variables: {} },
  {
    name: 'assertRelationship',
    query: `mutation { assertRelationship(input: { type: PARTNERS_WITH, from: "nvidia", to: "tsmc", sources: ["src-iso-3166-1"] }) { errors { code } } }`,
    variables: {},
  },
  {
    name: 'deleteRelationship',
    query: `mutation { deleteRelationship(key: { type: DEVELOPS, from: "deepseek", to: "deepseek-v3" }) { errors { code } } }`,
    variables: {},
  },
  { name: 'importGraph', query: 'mutation { importGraph(format: JSON, content: "{\\"entities\\": []}") { errors { code } } }', variables: {} },
];

describe('access control on writes', () => {
  it('covers every mutation in the schema', async () => {
    const data = await server.data<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Mutation") { fields { name } } }');
    expect(data.__type.fields.map((f) => f.name).sort()).toEqual(MUTATIONS.map((m) => m.name).sort());
  });

  it('refuses every mutation without credentials as UNAUTHENTICATED and changes nothing', async () => {
    const before = await snapshot(server, scope);
    for (const m of MUTATIONS) {
      const res = await server.gql(m.query, m.variables);
      expect(res.errors?.[0]?.extensions?.code, m.name).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message, m.name).toMatch(/x-api-key|Bearer/);
    }
    expect(await snapshot(server, scope)).toEqual(before);
  });

  it('refuses every mutation with a wrong API key, a badly signed or an expired JWT as UNAUTHENTICATED', async () => {
    const headers: Record<string, string>[] = [
      { 'x-api-key': 'not-a-key' },
      { authorization: `Bearer ${await jwt(['editor'], { secret: 'another-secret-another-secret-another-secret' })}` },
      { authorization: `Bearer ${await jwt(['editor'], { expired: true })}` },
    ];
    for (const h of headers) {
      for (const m of MUTATIONS) {
        const res = await server.gql(m.query, m.variables, h);
        expect(res.errors?.[0]?.extensions?.code, `${m.name} ${Object.keys(h)[0]}`).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('refuses every mutation as FORBIDDEN for a valid JWT without the editor role', async () => {
    const headers = { authorization: `Bearer ${await jwt(['viewer'])}` };
    const before = await snapshot(server, scope);
    for (const m of MUTATIONS) {
      const res = await server.gql(m.query, m.variables, headers);
      expect(res.errors?.[0]?.extensions?.code, m.name).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message, m.name).toContain('editor');
    }
    expect(await snapshot(server, scope)).toEqual(before);
  });

  it('lets an API key write, in the x-api-key header or as a Bearer token, and records it as the actor', async () => {
    const create =
      'mutation($id: ID!) { createCompany(input: { id: $id, name: "Auth Test Co", sources: ["src-iso-3166-1"] }) { entity { id } errors { code } } }';
    const res = await server.gql<{ createCompany: unknown }>(create, { id: `${prefix}-co` }, { authorization: `Bearer ${API_KEY}` });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createCompany).toEqual({ entity: { id: `${prefix}-co` }, errors: [] });
    const changes = await server.data<{ changes: { edges: { node: { actor: string; operation: string } }[] } }>(
      `{ changes(entity: "${prefix}-co") { edges { node { actor operation } } } }`,
    );
    expect(changes.changes.edges).toHaveLength(1);
    expect(changes.changes.edges[0]!.node.operation).toBe('CREATE_ENTITY');
    expect(changes.changes.edges[0]!.node.actor).toMatch(/^api-key:[0-9a-f]{12}$/);
    expect(changes.changes.edges[0]!.node.actor).not.toContain(API_KEY);
  });

  it('lets a JWT with the editor role write, recorded under its subject', async () => {
    const headers = { authorization: `Bearer ${await jwt(['reader', 'editor'], { sub: 'bob' })}` };
    const create = `mutation { createCountry(input: { id: "${prefix}-jwt", name: "Jwt Land", sources: ["src-iso-3166-1"] }) { entity { id kind } errors { code } } }`;
    const data = await server.data<{ createCountry: unknown }>(create, {}, headers);
    expect(data.createCountry).toEqual({ entity: { id: `${prefix}-jwt`, kind: 'COUNTRY' }, errors: [] });
    const changes = await server.data<{ changes: { edges: { node: { actor: string } }[] } }>(
      `{ changes(entity: "${prefix}-jwt") { edges { node { actor } } } }`,
    );
    expect(changes.changes.edges.map((e) => e.node.actor)).toEqual(['jwt:bob']);
  });

  it('keeps reads open without credentials', async () => {
    const data = await server.data<{ entity: { id: string } }>('{ entity(id: "nvidia") { id } }');
    expect(data.entity.id).toBe('nvidia');
  });
});
