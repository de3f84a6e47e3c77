import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors.js';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const TIMEOUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/** The transaction's state outgrew what Neo4j allows (dbms.memory.transaction.total.max, 70 % of the heap by default). */
const OUT_OF_MEMORY = new Set(['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'Neo.ClientError.General.TransactionOutOfMemoryError']);

/**
 * The one place Neo4j errors become application errors, decided by `error.code` only. The driver's message,
 * which can quote Cypher, stays in `cause` for the server log and never reaches a client.
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Neo4jError)) return error;
  const code = error.code;
  if (UNAVAILABLE.has(code) || code.startsWith('Neo.ClientError.Security.')) {
    return new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly.', {}, { cause: error });
  }
  if (TIMEOUT.has(code) || code === 'Neo.ClientError.Transaction.Terminated') {
    return new AppError('TIMEOUT', 'The query ran past its time limit; narrow it (smaller depth, first or limit).', {}, { cause: error });
  }
  if (OUT_OF_MEMORY.has(code)) {
    const message =
      'The transaction needs more memory than the database allows and was rolled back; write less at once, or give Neo4j a larger heap (NEO4J_HEAP).';
    return new AppError('QUERY_TOO_COMPLEX', message, { limit: 'dbms.memory.transaction.total.max' }, { cause: error });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError('CONFLICT', 'The change conflicts with existing data (an id already in use).', {}, { cause: error });
  }
  return new AppError('INTERNAL_SERVER_ERROR', 'Internal server error.', {}, { cause: error });
}
