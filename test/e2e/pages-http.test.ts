import { describe, expect, it } from 'vitest';
import { useTestServer } from '../integration/harness.js';
import { E2E_SERVER_ENV } from './browser.js';

const server = useTestServer(E2E_SERVER_ENV);
const disabled = useTestServer({ ...E2E_SERVER_ENV, PLAYGROUND: 'false' });

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the browser pages', () => {
  it('serves the playground at / and to browsers at /graphql, with a policy that allows only this server', async () => {
    for (const path of ['/', '/graphql']) {
      const res = await fetch(`${server.url}${path}`, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await res.text()).toContain('id="playground"');
    }
  });

  it('leaves GET /graphql with a JSON Accept header and every POST to GraphQL', async () => {
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(get.headers.get('content-type')).toMatch(/json/);
    expect(await get.json()).toMatchObject({ data: { __typename: 'Query' } });
    const post = await server.gql('{ __typename }', undefined, html);
    expect(post.data).toEqual({ __typename: 'Query' });
  });

  it('serves the explorer at /explore and content-hashed assets cached for a year', async () => {
    const page = await (await fetch(`${server.url}/explore`, { headers: html })).text();
    const script = /src="(\/assets\/explorer-[A-Z0-9]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(await asset.text()).toContain('cytoscape');
  });

  it('answers 404 without a stack for an asset that does not exist', async () => {
    const res = await fetch(`${server.url}/assets/nothing-here.js`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it('serves no pages and no assets when PLAYGROUND=false', async () => {
    expect((await fetch(`${disabled.url}/`, { headers: html })).status).toBe(404);
    expect((await fetch(`${disabled.url}/explore`, { headers: html })).status).toBe(404);
    const graphql = await fetch(`${disabled.url}/graphql`, { headers: html });
    expect(graphql.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await disabled.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

describe('the playground examples', () => {
  it('each run against the schema without errors and answer the question they ask', async () => {
    const { EXAMPLE_TABS } = await import('../../web/playground/examples.js');
    const answers = [];
    for (const tab of EXAMPLE_TABS) {
      const res = await server.gql(tab.query, JSON.parse(tab.variables ?? '{}'));
      expect(res.errors).toBeUndefined();
      answers.push(JSON.stringify(res.data));
    }
    expect(answers[0]).toContain('RESTRICTED_OFFSHORE');
    expect(answers[1]).toContain('"users":[{');
    expect(answers[2]).toContain('usg-2025-04-h20-license-requirement');
  });
});
