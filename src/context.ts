import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { ChangeFollower } from './resolvers/change-follower.js';
import type { Loaders } from './resolvers/loaders.js';
import type { Logger } from 'pino';

/** Who is calling: resolved once per request from the API key or JWT. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly string[];
}

/** Per-request context: the database, fresh loaders, the caller and the request id. */
export interface GraphContext {
  readonly db: Database;
  readonly config: Config;
  readonly loaders: Loaders;
  readonly viewer: Viewer | null;
  readonly requestId: string;
  readonly log: Logger;
  /** Aborted when the client goes away or the request deadline passes. */
  readonly signal: AbortSignal;
  /** The process's follower of the audit trail, on the change feed's requests (/graphql/stream) only. */
  readonly changes?: ChangeFollower;
  /** The ETag of a GET request (conditionalGet), sent with the answer when it is cacheable. */
  readonly etag?: string;
  /** The change sequence a GET's ETag was computed from, so the response cache keys that request on the same value. */
  readonly sequence?: number;
  /** Whether the request carried a credential, valid or not: its answer is then private to it. */
  readonly credentialPresented?: boolean;
  /**
   * "Did you mean" for analysis fields that answered null for an unknown id, by response key: sent as the
   * response's `extensions.suggestions` (resolvers/suggestions.ts fills it; /graphql requests only).
   */
  readonly suggestions?: Map<string, { readonly id: string; readonly suggestions: readonly { id: string; name: string }[] }>;
}
