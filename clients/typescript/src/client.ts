import type { DocumentTypeDecoration, TypedDocumentNode } from '@graphql-typed-document-node/core';
// The printer alone, not the graphql index: a bundle of this client (the explorer's) then carries no more of graphql.
import { print } from 'graphql/language/printer.js';
import { createClient, type Client as SseClient } from 'graphql-sse';
import { AtlasError, transportError, type AtlasErrorBody } from './errors.js';

export interface AtlasClientOptions {
  /** The server's origin, such as `https://atlas.example.org` (the client adds /graphql and /graphql/stream). */
  readonly url: string;
  /** Sent as `x-api-key`. */
  readonly apiKey?: string;
  /** A JWT, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (the global one by default). */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  /** GET lets HTTP caches and ETags work (queries only); POST is the default. */
  readonly method?: 'GET' | 'POST';
  readonly signal?: AbortSignal;
}

/** What a subscriber is told: each result, then an error or the end. */
export interface SubscriptionHandlers<T> {
  next(data: T): void;
  error?(error: AtlasError): void;
  complete?(): void;
}

/**
 * A typed operation as text: what graphql-codegen's typed-document-node plugin writes with `documentMode: string`
 * (a String carrying the result and variable types). Smaller to ship than a document node, and sent as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- codegen's TypedDocumentString extends String
export type TypedDocumentString<TData, TVariables> = String & DocumentTypeDecoration<TData, TVariables>;

/** A typed operation: a parsed document node, or its text. */
export type TypedDocument<TData, TVariables> = TypedDocumentNode<TData, TVariables> | TypedDocumentString<TData, TVariables>;

/** The text of a typed operation, as it is sent. */
export const operationText = <TData, TVariables>(document: TypedDocument<TData, TVariables>): string =>
  'kind' in document ? print(document) : document.toString();

interface Body<T> {
  data?: T | null;
  errors?: AtlasErrorBody[];
}

/** A fetch-based client of the Compute Atlas API: typed operations in, typed data or an AtlasError out. */
export class AtlasClient {
  private readonly fetch: typeof fetch;
  private sse: SseClient | null = null;

  constructor(private readonly options: AtlasClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The headers of every request: credentials, and the header Apollo's CSRF prevention asks of a GET. */
  headers(): Record<string, string> {
    const { apiKey, token, headers } = this.options;
    return {
      'apollo-require-preflight': 'true',
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    };
  }

  /** Runs a query or mutation; resolves with its data, rejects with an AtlasError naming the server's code. */
  async request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocument<TData, TVariables>,
    variables?: TVariables,
    options: RequestOptions = {},
  ): Promise<TData> {
    const query = operationText(document);
    const endpoint = `${this.options.url}/graphql`;
    const get = options.method === 'GET';
    const url = get ? `${endpoint}?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) }).toString()}` : endpoint;
    let res: Response;
    try {
      res = await this.fetch(url, {
        method: get ? 'GET' : 'POST',
        headers: { ...this.headers(), ...(get ? {} : { 'content-type': 'application/json' }) },
        body: get ? undefined : JSON.stringify({ query, variables }),
        signal: options.signal,
      });
    } catch (error) {
      throw transportError('NETWORK_ERROR', `The server could not be reached: ${(error as Error).message}`, null, error);
    }
    const body = (await res.json().catch(() => null)) as Body<TData> | null;
    if (!body) throw transportError('BAD_RESPONSE', `The server answered ${res.status} without a GraphQL body.`, res.status);
    if (body.errors?.length) throw new AtlasError(body.errors, res.status);
    if (body.data == null) throw transportError('BAD_RESPONSE', 'The server answered without data.', res.status);
    return body.data;
  }

  /**
   * Subscribes over Server-Sent Events (/graphql/stream). Returns what unsubscribes. A SLOW_CONSUMER error
   * means the server dropped this subscriber: subscribe again after the last cursor received.
   */
  subscribe<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    handlers: SubscriptionHandlers<TData>,
  ): () => void {
    this.sse ??= createClient({ url: `${this.options.url}/graphql/stream`, headers: () => this.headers(), fetchFn: this.fetch, retryAttempts: 0 });
    return this.sse.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (result) => {
          if (result.errors?.length) handlers.error?.(new AtlasError(result.errors as unknown as AtlasErrorBody[], null));
          else if (result.data) handlers.next(result.data);
        },
        error: (error) => handlers.error?.(error instanceof AtlasError ? error : asAtlasError(error)),
        complete: () => handlers.complete?.(),
      },
    );
  }

  /** Closes the change-feed connection, if one was opened. */
  dispose(): void {
    this.sse?.dispose();
    this.sse = null;
  }
}

/** graphql-sse reports a refused stream as an Error, or as the GraphQL errors of the refusal. */
function asAtlasError(error: unknown): AtlasError {
  if (Array.isArray(error)) return new AtlasError(error as AtlasErrorBody[], null);
  return transportError('NETWORK_ERROR', error instanceof Error ? error.message : 'The change feed failed.', null, error);
}
