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
