/** One error as the server sends it: a message and a stable `extensions.code`. */
export interface AtlasErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly requestId?: string; readonly [key: string]: unknown };
}

/**
 * A request the server refused or could not answer. `code` is the server's stable `extensions.code`
 * (BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, OPERATION_NOT_TRUSTED, SLOW_CONSUMER …), or
 * NETWORK_ERROR / BAD_RESPONSE when no GraphQL answer came back.
 */
export class AtlasError extends Error {
  readonly code: string;
  readonly status: number | null;
  readonly requestId: string | null;
  /** Every error of the response (the first is this one's message and code). */
  readonly errors: readonly AtlasErrorBody[];

  constructor(errors: readonly AtlasErrorBody[], status: number | null, options?: { cause?: unknown }) {
    const first = errors[0];
    super(first?.message ?? 'The server answered without data.', options);
    this.name = 'AtlasError';
    this.code = first?.extensions?.code ?? 'BAD_RESPONSE';
    this.status = status;
    this.requestId = first?.extensions?.requestId ?? null;
    this.errors = errors;
  }
}

/** An AtlasError with no GraphQL body behind it (the network failed, or the answer was not JSON). */
export const transportError = (code: 'NETWORK_ERROR' | 'BAD_RESPONSE', message: string, status: number | null, cause?: unknown): AtlasError =>
  new AtlasError([{ message, extensions: { code } }], status, { cause });
