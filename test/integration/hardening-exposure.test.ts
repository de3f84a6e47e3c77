import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer, type TestServer } from './harness.js';
import { removeEntities, uniquePrefix } from './write-helpers.js';

const SECRET = 'exposure-jwt-secret-0123456789-0123456789';
const METRICS_TOKEN = 'exposure-metrics-token-0123456789';
const NAMED = 'exposure-named-key-0123456789';
const UNNAMED = 'exposure-unnamed-key-0123456789';
const p = uniquePrefix('exposure');

const locked = useTestServer({ READS_REQUIRE_AUTH: 'true', API_KEYS: UNNAMED });
const guarded = useTestServer({ METRICS_TOKEN });
const editors = useTestServer({ API_KEYS: `alice:${NAMED},${UNNAMED}`, JWT_SECRET: SECRET, JWT_MAX_AGE_S: '3600', WRITE_RATE_LIMIT_PER_MIN: '1000' });
const open = useTestServer({ AUDIT_VISIBILITY: 'public' });
afterAll(async () => {
  await removeEntities(editors, [`${p}-named`, `${p}-unnamed`, `${p}-jwt`]);
});

const metrics = (server: TestServer, headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });

const token = (claims: { exp?: number | string; sub?: string }): Promise<string> => {
  const jwt = new SignJWT({ roles: ['editor'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? 'carol')
    .setIssuedAt();
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
};

const create = (id: string) => `mutation { createCompany(input: { id: "${id}", name: "Exposure", sources: ["src-epoch-notable-models"] }) { entity { id } } }`;
const actorOf = async (id: string) =>
  (
    await editors.data<{ changes: { edges: { node: { actor: string } }[] } }>(
      `{ changes(entity: "${id}") { edges { node { actor } } } }`,
      {},
      { 'x-api-key': NAMED },
    )
  ).changes.edges.map((e) => e.node.actor);

describe('/metrics', () => {
  it('needs the METRICS_TOKEN when one is set', async () => {
    expect((await metrics(guarded)).status).toBe(401);
    expect((await metrics(guarded, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const res = await metrics(guarded, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/graphql_operations_total|process_cpu_seconds_total/);
  });

  it('needs credentials when READS_REQUIRE_AUTH=true, like every read', async () => {
    const anonymous = await metrics(locked);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/nodejs_version|process_/);
    expect((await metrics(locked, { 'x-api-key': 'made-up' })).status).toBe(401);
    expect((await metrics(locked, { 'x-api-key': UNNAMED })).status).toBe(200);
  });
});

describe('the audit trail', () => {
  it('is for editors by default (AUDIT_VISIBILITY=editors), and public when configured', async () => {
    const anonymous = await editors.gql('{ changes(first: 1) { edges { node { actor } } } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await editors.gql('{ changes(first: 1) { edges { node { actor } } } }', {}, { 'x-api-key': NAMED })).errors).toBeUndefined();
    expect((await open.gql('{ changes(first: 1) { edges { node { actor } } } }')).errors).toBeUndefined();
  });

  it('names a named key by its name and an unnamed one by a salted fingerprint, never its plain hash', async () => {
    await editors.data(create(`${p}-named`), {}, { 'x-api-key': NAMED });
    expect(await actorOf(`${p}-named`)).toEqual(['api-key:alice']);
    await editors.data(create(`${p}-unnamed`), {}, { 'x-api-key': UNNAMED });
    const [actor] = await actorOf(`${p}-unnamed`);
    expect(actor).toMatch(/^api-key:[0-9a-f]{12}$/);
    expect(actor).not.toBe(`api-key:${createHash('sha256').update(UNNAMED).digest('hex').slice(0, 12)}`);
  });
});

describe('JWTs', () => {
  it('refuses a token without exp and one whose exp is beyond JWT_MAX_AGE_S, and accepts one within it', async () => {
    for (const jwt of [await token({}), await token({ exp: '2h' })]) {
      const res = await editors.gql(create(`${p}-jwt`), {}, { authorization: `Bearer ${jwt}` });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const res = await editors.gql(create(`${p}-jwt`), {}, { authorization: `Bearer ${await token({ exp: '30m', sub: 'carol' })}` });
    expect(res.errors).toBeUndefined();
    expect(await actorOf(`${p}-jwt`)).toEqual(['jwt:carol']);
  });
});
