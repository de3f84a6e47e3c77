import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerOptions } from '@apollo/server';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { GraphContext } from '../context.js';
import { sendErrors } from './format-error.js';

type ApqCache = NonNullable<Exclude<ApolloServerOptions<GraphContext>['persistedQueries'], false | undefined>['cache']>;

/** The sha256 (hex) of a document, as APQ and the manifest key it. */
export const documentHash = (document: string): string => createHash('sha256').update(document).digest('hex');

const manifestShape = z.record(z.string(), z.string().min(1));
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Reads a trusted-documents manifest: a JSON object of sha256 (hex) → GraphQL document, as a client build
 * writes it. Throws, naming the file and the entry, when it is unreadable or a hash is not its document's.
 */
export function loadTrustedDocuments(file: string): ReadonlyMap<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS: ${file} is not a readable JSON file (${(error as Error).message})`, { cause: error });
  }
  const manifest = manifestShape.safeParse(parsed);
  if (!manifest.success) throw new Error(`TRUSTED_DOCUMENTS: ${file}: ${manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const [hash, document] of Object.entries(manifest.data)) {
    if (!SHA256_HEX.test(hash)) throw new Error(`TRUSTED_DOCUMENTS: ${file}: the key "${hash}" is not a sha256 hash in lower-case hex`);
    if (documentHash(document) !== hash) throw new Error(`TRUSTED_DOCUMENTS: ${file}: the entry ${hash} is not the sha256 of its document`);
  }
  return new Map(Object.entries(manifest.data));
}

/**
 * The APQ cache in trusted-documents mode: the manifest, read-only. A request may name a trusted document by
 * its hash alone (`extensions.persistedQuery.sha256Hash`); nothing a client sends is ever added.
 */
export function manifestCache(documents: ReadonlyMap<string, string>): ApqCache {
  const PREFIX = 'apq:';
  return {
    get: (key) => Promise.resolve(key.startsWith(PREFIX) ? documents.get(key.slice(PREFIX.length)) : undefined),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(true),
  };
}

const untrusted = (): AppError =>
  new AppError(
    'OPERATION_NOT_TRUSTED',
    'This server runs only the operations of its trusted-documents manifest (TRUSTED_DOCUMENTS); send one of them, by its document or its sha256 as extensions.persistedQuery.sha256Hash.',
  );

/** The document or the hash a GraphQL-over-HTTP request names (POST body, or GET parameters). */
export function requestedOperation(method: string, body: unknown, query: Record<string, unknown>): { document?: string; hash?: string } {
  const source = (method === 'GET' ? query : body) as { query?: unknown; extensions?: unknown } | undefined;
  let extensions = source?.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions) as unknown;
    } catch {
      extensions = undefined;
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return { document: typeof source?.query === 'string' ? source.query : undefined, hash: typeof hash === 'string' ? hash : undefined };
}

/** Whether a request runs a trusted document: its text is one, or it names one by hash alone. */
export function isTrusted(documents: ReadonlyMap<string, string>, operation: { document?: string; hash?: string }): boolean {
  if (operation.document !== undefined) return documents.has(documentHash(operation.document));
  return operation.hash !== undefined && documents.has(operation.hash);
}

/** Refuses, before any GraphQL work, every request to /graphql that does not run a trusted document. */
export function trustedOnly(documents: ReadonlyMap<string, string>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    if (isTrusted(documents, requestedOperation(req.method, req.body, req.query as Record<string, unknown>))) return next();
    sendErrors(res, 400, [untrusted()]);
  };
}

export { untrusted as untrustedOperation };
