import type { Response } from 'express';
// graphql/index.js is the copy Node and Apollo load; under vitest a bare 'graphql' resolves to the .mjs copy,
// whose GraphQLError Apollo would not recognise (instanceof across copies fails).
import { GraphQLError, type GraphQLFormattedError } from 'graphql/index.js';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { mapNeo4jError } from '../db/errors.js';

/** Codes Apollo and graphql-js produce for malformed requests, and our own stable codes: safe to show. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DATABASE_UNAVAILABLE',
  'DATABASE_BUSY',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'RATE_LIMITED',
  'SLOW_CONSUMER',
  'OPERATION_NOT_TRUSTED',
]);

/** Messages that would name the library or pass on an engine's message: replaced before a client sees them. */
const INTERNAL_WORDING = /apollo ?server|maximum call stack|RangeError/i;

/** A client error's message without library names or engine text. */
function neutralMessage(message: string): string {
  if (!INTERNAL_WORDING.test(message)) return message;
  if (/introspection/i.test(message)) return 'Introspection (__schema, __type) is disabled on this server (INTROSPECTION=false).';
  return 'The request is not supported by this server; send a GraphQL query as {"query": "...", "variables": {...}} by GET or POST.';
}

/** HTTP status for errors that reject a whole request. */
const STATUS: Partial<Record<string, number>> = { QUERY_TOO_COMPLEX: 400, RATE_LIMITED: 429, DATABASE_UNAVAILABLE: 503, DATABASE_BUSY: 503, TIMEOUT: 503 };

/** The AppError behind an error, looking through resolver and plugin wrapping; anything else as it is. */
function originalOf(error: unknown): unknown {
  const unwrapped = unwrapResolverError(error);
  if (unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError) return unwrapped.originalError;
  return mapNeo4jError(unwrapped);
}

/**
 * What a client sees of an error: AppErrors and request-validation errors as they are; anything else as
 * INTERNAL_SERVER_ERROR, logged in full (with Cypher and stack) under the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger, requestId: string): GraphQLFormattedError {
  const original = originalOf(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    if (original.code === 'INTERNAL_SERVER_ERROR') log.error({ err: original.cause ?? original, requestId }, 'internal error');
    else if (original.cause) log.warn({ err: original.cause, requestId, code: original.code }, original.message);
    return { ...base, message: original.message, extensions: { code: original.code, requestId, ...original.details } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && CLIENT_CODES.has(code) && original instanceof GraphQLError) {
    return { ...base, message: neutralMessage(formatted.message), extensions: { ...formatted.extensions, code, requestId } };
  }
  log.error({ err: original, requestId }, 'internal error');
  return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}

/**
 * Wraps an AppError that rejects a whole request (thrown from a plugin hook) so that Apollo answers with the
 * right HTTP status and headers; formatError then shows the AppError itself.
 */
export function requestError(error: AppError, status = STATUS[error.code] ?? 400, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status, headers: new Map(Object.entries(headers)) } },
  });
}

/** Answers a request rejected before it reached GraphQL with a GraphQL-shaped JSON error body. */
export function sendErrors(
  res: Response,
  status: number,
  errors: readonly AppError[] | readonly { code: string; message: string; details?: Record<string, unknown> }[],
): void {
  const requestId = String(res.getHeader('x-request-id') ?? 'unknown');
  res.status(status).json({
    errors: errors.map((e) => ({ message: e.message, extensions: { code: e.code, requestId, ...(e instanceof AppError ? e.details : (e.details ?? {})) } })),
  });
}
