import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { mapNeo4jError } from '../db/errors.js';

/** Codes Apollo and graphql-js produce for malformed requests; their messages are safe to show. */
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * What a client sees of an error: AppErrors and request-validation errors as they are; anything else as
 * INTERNAL_SERVER_ERROR, logged in full (with Cypher and stack) under the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger, requestId: string): GraphQLFormattedError {
  const original = mapNeo4jError(unwrapResolverError(error));
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    if (original.code === 'INTERNAL_SERVER_ERROR') log.error({ err: original.cause ?? original, requestId }, 'internal error');
    else if (original.cause) log.warn({ err: original.cause, requestId, code: original.code }, original.message);
    return { ...base, message: original.message, extensions: { code: original.code, requestId, ...original.details } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && CLIENT_CODES.has(code)) {
    return { ...base, extensions: { code, requestId } };
  }
  log.error({ err: original, requestId }, 'internal error');
  return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}
