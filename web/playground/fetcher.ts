import type { Fetcher } from '@graphiql/toolkit';

/**
 * Posts operations to the server's own /graphql. Headers left empty in the editor (the `x-api-key`
 * placeholder) are not sent, so an unfilled placeholder never counts as a wrong key.
 */
export function createFetcher(url: string): Fetcher {
  return async (params, opts) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    for (const [name, value] of Object.entries(opts?.headers ?? {})) {
      if (value !== undefined && value !== null && String(value).trim() !== '') headers[name] = String(value);
    }
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(params), credentials: 'same-origin' });
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      return { errors: [{ message: `The server answered HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}` }] };
    }
  };
}
