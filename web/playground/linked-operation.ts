import type { ExampleTab } from './examples.js';

/** Longest operation text a link may carry: enough for any explorer query, short of a page worth of URL. */
const MAX_QUERY = 20_000;

/**
 * The operation a link asks the playground to open: `?query=<text>&variables=<JSON>` (as the explorer's
 * "Open in playground" writes it). Variables that parse as JSON are pretty-printed; null without a query.
 */
export function linkedOperation(search: string): ExampleTab | null {
  const params = new URLSearchParams(search);
  const query = params.get('query')?.trim();
  if (!query || query.length > MAX_QUERY) return null;
  const raw = params.get('variables');
  if (!raw) return { query };
  try {
    return { query, variables: JSON.stringify(JSON.parse(raw), null, 2) };
  } catch {
    return { query, variables: raw };
  }
}
