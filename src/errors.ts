/** Stable error codes a client can rely on (`extensions.code`). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_BUSY'
  | 'QUERY_TOO_COMPLEX'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'SLOW_CONSUMER'
  | 'OPERATION_NOT_TRUSTED'
  | 'INTERNAL_SERVER_ERROR';

/**
 * An error whose message is safe to show a client. Anything that is not an AppError reaches the client only
 * as INTERNAL_SERVER_ERROR; its detail goes to the log.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, details: Record<string, unknown> = {}): AppError => new AppError('BAD_USER_INPUT', message, details);

/** What kind of problem a graph-validation issue is (graph/validation.ts); stable, so clients and importers can act on it. */
export type GraphIssueCode =
  'INVALID_VALUE' | 'REQUIRED' | 'INVALID_ID' | 'DUPLICATE_ID' | 'UNKNOWN_ENDPOINT' | 'RELATIONSHIP_NOT_ALLOWED' | 'UNKNOWN_SOURCE' | 'DATE_ORDER';

/** Stable codes of an expected write failure (the SDL's `UserErrorCode`). */
export type UserErrorCode = GraphIssueCode | 'NOT_FOUND' | 'HAS_DEPENDENTS' | 'UNREADABLE_FILE' | 'EXTRA_CELL';

/** An expected failure of a write, returned as data: a stable code, a message, and the input field at fault. */
export interface UserErrorModel {
  readonly code: UserErrorCode;
  readonly message: string;
  readonly field: string | null;
}
