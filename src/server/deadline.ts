import { setMaxListeners } from 'node:events';
import type { RequestHandler, Response } from 'express';
import { queryScope, requestStats, type QueryStats } from '../db/database.js';
import { AppError } from '../errors.js';

const SIGNAL = Symbol('request signal');

/**
 * Gives every request a deadline (REQUEST_TIMEOUT_MS) and an AbortSignal, aborted when the deadline passes
 * (reason: TIMEOUT) or when the client goes away before its answer is sent. The rest of the chain runs inside
 * the database's query scope, so every transaction of the request gets a timeout no later than the deadline
 * and is terminated in Neo4j on abort.
 */
export function requestDeadline(timeoutMs: number): RequestHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    // Every transaction of the request listens on the signal; a wide query batches many at once.
    setMaxListeners(0, controller.signal);
    const timer = setTimeout(
      () =>
        controller.abort(
          new AppError(
            'TIMEOUT',
            `The request took longer than its deadline of ${timeoutMs} ms and was stopped; narrow it (smaller depth, first or limit) and retry.`,
            { limitMs: timeoutMs },
          ),
        ),
      timeoutMs,
    );
    timer.unref();
    res.on('close', () => {
      clearTimeout(timer);
      // 'close' after the answer was sent is the normal end; before it, the client went away.
      if (!res.writableFinished) controller.abort(new AppError('TIMEOUT', 'The client closed the connection; its queries were cancelled.'));
    });
    (res.locals as Record<symbol, AbortSignal>)[SIGNAL] = controller.signal;
    const scope = { signal: controller.signal, deadline: Date.now() + timeoutMs, requestId: String(req.id) };
    queryScope.run(scope, () => requestStats.run({ dbQueries: 0, dbMillis: 0 } satisfies QueryStats, next));
  };
}

/** The request's abort signal, set by requestDeadline (a never-aborted one outside it). */
export function signalOf(res: Response): AbortSignal {
  return (res.locals as Record<symbol, AbortSignal | undefined>)[SIGNAL] ?? new AbortController().signal;
}
