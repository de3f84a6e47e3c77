import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';
import { WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);

const DELETE = 'mutation { deleteEntity(id: "friendly-errors-none") { errors { code } } }';

describe('errors a playground user can act on', () => {
  it('reports a wrong API key as rejected, not as missing, and says what to do next', async () => {
    const res = await server.gql(DELETE, {}, { 'x-api-key': 'not-a-key' });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(/rejected/);
    expect(error?.message).toMatch(/typo|new key/);
    expect(error?.message).not.toMatch(/needs credentials/);
  });

  it('reports a request without any credential as missing credentials', async () => {
    const res = await server.gql(DELETE);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/needs credentials: send an API key/);
  });

  it('names limit and the configured cap when a neighbourhood limit is over it', async () => {
    const cap = Math.min(server.config.MAX_PAGE_SIZE, server.config.MAX_ANALYSIS_RESULTS);
    const res = await server.gql('query($n: Int) { neighborhood(id: "nvidia", limit: $n) { truncated } }', { n: cap + 1 });
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', argument: 'limit', limit: cap, value: cap + 1 });
    expect(error?.message).toContain(`"limit" may be at most ${cap}`);
    expect(error?.message).not.toMatch(/"first"/);
  });

  it('accepts a neighbourhood limit at the cap', async () => {
    const cap = Math.min(server.config.MAX_PAGE_SIZE, server.config.MAX_ANALYSIS_RESULTS);
    const data = await server.data<{ neighborhood: { truncated: boolean } | null }>('query($n: Int) { neighborhood(id: "nvidia", limit: $n) { truncated } }', {
      n: cap,
    });
    expect(data.neighborhood).not.toBeUndefined();
  });

  it('suggests the closest chips when a simulated rule names a chip id the graph lacks', async () => {
    const res = await server.gql('query($rule: RuleInput!) { simulateRule(rule: $rule) { routesEvaluated } }', {
      rule: { chips: ['nvidia-h10'], destinations: ['CN'] },
    });
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rule.chips[0]', id: 'nvidia-h10' });
    const suggestions = error?.extensions?.suggestions as { id: string; name: string }[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions.map((s) => s.id)).toContain('nvidia-h100');
    expect(error?.message).toMatch(/Did you mean "nvidia-h100" \(/);
  });

  it('keeps the unknown-id error without suggestions when nothing is close', async () => {
    const res = await server.gql('query($rule: RuleInput!) { simulateRule(rule: $rule) { routesEvaluated } }', {
      rule: { chips: ['qqqqzzzzxxxx'], destinations: ['CN'] },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', suggestions: [] });
    expect(res.errors?.[0]?.message).toMatch(/no chip has the id "qqqqzzzzxxxx"/);
  });

  it('lists only the routes of the classifications asked for', async () => {
    type Routes = { computeAccess: { offshore: { classification: string }[]; routes: { classification: string }[] } };
    const data = await server.data<Routes>(
      '{ computeAccess(company: "bytedance", asOf: "2025-06-01") { offshore: routes(classifications: [RESTRICTED_OFFSHORE]) { classification } routes { classification } } }',
    );
    const offshore = data.computeAccess.routes.filter((r) => r.classification === 'RESTRICTED_OFFSHORE');
    expect(offshore.length).toBeGreaterThan(0);
    expect(data.computeAccess.offshore).toEqual(offshore);
  });

  it('answers null for an unknown company in computeAccess, with close companies as extensions.suggestions', async () => {
    const res = await server.gql('{ access: computeAccess(company: "bytedanse") { asOf } whoUses(chip: "nvidia-h100") { chip { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ access: null });
    const suggestions = res.extensions?.suggestions as Record<string, { id: string; suggestions: { id: string; name: string }[] }>;
    expect(suggestions.access?.id).toBe('bytedanse');
    expect(suggestions.access?.suggestions.map((s) => s.id)).toContain('bytedance');
    expect(suggestions.access!.suggestions.length).toBeLessThanOrEqual(3);
    expect(Object.keys(suggestions)).toEqual(['access']);
  });

  it('sends no suggestions when every id is known', async () => {
    const res = await server.gql('{ computeAccess(company: "bytedance") { asOf } }');
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.suggestions).toBeUndefined();
  });
});

const cached = useTestServer({ RESPONSE_CACHE: 'on', CACHE_MAX_AGE_S: '30', HTTP_CACHE_SEQUENCE_MS: '60000' });

describe('suggestions with the response cache on', () => {
  it('sends the suggestions on every ask, not only the first, since such an answer is not cached', async () => {
    const query = '{ whoUses(chip: "nvidia-h10") { chip { id } } }';
    for (let ask = 1; ask <= 2; ask++) {
      const res = await cached.gql(query);
      expect(res.errors).toBeUndefined();
      const suggestions = res.extensions?.suggestions as Record<string, { suggestions: { id: string }[] }>;
      expect(suggestions.whoUses?.suggestions.map((s) => s.id)).toContain('nvidia-h100');
    }
  });
});
