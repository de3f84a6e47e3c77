import { AtlasClient, AtlasError, type TypedDocument } from '@compute-atlas/client';

/**
 * The explorer's only way to the data: the typed client (@compute-atlas/client) against the server's public
 * /graphql, like any other client. Operations are the typed documents of web/explorer/generated/graphql.ts.
 */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const client = new AtlasClient({ url: location.origin });

/** What the server's "did you mean" says about an id that named no entity (the response's `extensions.suggestions`). */
export interface UnknownId {
  readonly id: string;
  readonly suggestions: readonly { readonly id: string; readonly name: string }[];
}

/**
 * Runs one typed operation and returns its data; throws GraphQLRequestError with the server's message and code
 * on errors, or the AbortError itself when the signal aborted it (a newer search replaced it).
 */
export async function gql<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  try {
    return await client.request(document, variables, { signal });
  } catch (error) {
    if (!(error instanceof AtlasError)) throw error;
    if (signal?.aborted) throw error.cause instanceof Error ? error.cause : new DOMException('The request was aborted.', 'AbortError');
    throw new GraphQLRequestError(error.message, error.code);
  }
}

/**
 * Runs one typed operation like gql and also returns the response's "did you mean" (`extensions.suggestions`, by
 * response key: `computeAccess`, `shortestPath.to`…), which the typed client does not hand back: a client of its
 * own for this call reads the body from a copy of the response.
 */
export async function gqlWithSuggestions<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
): Promise<{ data: TData; unknown: Record<string, UnknownId> }> {
  let unknown: Record<string, UnknownId> = {};
  const reading: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { extensions?: { suggestions?: Record<string, UnknownId> } } | null;
    unknown = body?.extensions?.suggestions ?? {};
    return res;
  };
  try {
    const data = await new AtlasClient({ url: location.origin, fetch: reading }).request(document, variables);
    return { data, unknown };
  } catch (error) {
    if (error instanceof AtlasError) throw new GraphQLRequestError(error.message, error.code);
    throw error;
  }
}
