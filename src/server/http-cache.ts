import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { credentialOf } from '../auth/viewer.js';
import type { GraphContext } from '../context.js';
import type { SequenceCache } from '../resolvers/change-sequence.js';

/** Headers a response varies by: a shared cache must not give an anonymous answer to a caller with credentials. */
const VARY = 'authorization, x-api-key';

/**
 * The ETag of a GET: the graph's change sequence, then a digest of what else decides the answer (the schema,
 * the URL with the operation and its variables, and the credential). Weak: responses to the same request
 * differ in their request id and statistics, not in their data.
 */
export function etagOf(sequence: number, schemaDigest: string, url: string, credential: string | null): string {
  const digest = createHash('sha256')
    .update(`${schemaDigest}\n${url}\n${credential ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
  return `W/"${sequence}-${digest}"`;
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
export function matchesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || `W/${tag}` === etag;
  });
}

/**
 * On GET /graphql: the request's ETag from the (cached) change sequence, and 304 Not Modified when the client
 * already holds it, before any GraphQL work, so an unchanged graph costs one cached read of the sequence at most.
 */
export function conditionalGet(sequences: SequenceCache, schemaDigest: string, maxAgeS: number): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET') return next();
    const credential = credentialOf(req.headers);
    let sequence: number;
    try {
      sequence = await sequences.get();
    } catch {
      // Without the sequence there is no ETag; the query itself then says what is wrong (DATABASE_UNAVAILABLE …).
      return next();
    }
    const etag = etagOf(sequence, schemaDigest, req.originalUrl, credential);
    res.locals.etag = etag;
    res.locals.sequence = sequence;
    if (!matchesTag(req.headers['if-none-match'], etag)) return next();
    res.setHeader('etag', etag);
    res.setHeader('vary', VARY);
    res.setHeader('cache-control', `max-age=${maxAgeS}, ${credential ? 'private' : 'public'}`);
    res.status(304).end();
  };
}

/**
 * Cache-Control from the cache hints, narrowed: private when the caller presented credentials, no-store for
 * mutations (and, through Apollo's cache-control plugin, for errors and maxAge 0). Cacheable GET answers get
 * the ETag conditionalGet computed. Listed before Apollo's cache-control plugin: the narrowing happens in
 * willSendResponse, after the field hints (Apollo ignores them when the policy was narrowed before execution).
 */
export const httpCachePlugin: ApolloServerPlugin<GraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, operation, overallCachePolicy, contextValue, errors }) {
        if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        if (contextValue.viewer || contextValue.credentialPresented) overallCachePolicy.restrict({ scope: 'PRIVATE' });
        response.http.headers.set('vary', VARY);
        const cacheable = overallCachePolicy.policyIfCacheable() && !errors?.length && response.body.kind === 'single' && !response.body.singleResult.errors;
        if (cacheable && contextValue.etag) response.http.headers.set('etag', contextValue.etag);
      },
    };
  },
};
