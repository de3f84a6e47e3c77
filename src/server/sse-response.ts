import type { ServerResponse } from 'node:http';
import type { Response } from 'graphql-sse';

/** What graphql-sse's handler answers: a body (a string, or the stream's messages) and the response head. */
export type SseReply = Response;

/** The last events a dropped client receives: why (GraphQL-shaped, as a `next` event), then `complete`. */
export const slowClientClose = (limitBytes: number): string =>
  `event: next\ndata: ${JSON.stringify({
    errors: [
      {
        message: `This client read too slowly: more than ${limitBytes} bytes of changes waited for it, so it was dropped; subscribe again with the cursor of the last change it received.`,
        extensions: { code: 'SLOW_CONSUMER', limitBytes },
      },
    ],
  })}\n\nevent: complete\ndata:\n\n`;

/** How long a dropped client has to read its close reason before its connection is cut. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Writes a graphql-sse reply to the response. Unlike graphql-sse's own express adapter, it does not wait for
 * each write to reach the client (which would queue every later message in memory without bound): it writes at
 * once and watches what the socket still holds. Past `limitBytes`, the client is dropped with a SLOW_CONSUMER
 * close reason and its connection cut after a grace period.
 */
export async function writeSseReply(res: ServerResponse, [body, init]: SseReply, limitBytes: number): Promise<'done' | 'dropped'> {
  // x-accel-buffering: proxies such as nginx hold responses back unless told not to; events must pass as they come.
  res.writeHead(init.status, init.statusText, { ...init.headers, 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
  if (!body || typeof body === 'string') {
    await new Promise<void>((resolve) => res.end(body ?? '', () => resolve()));
    return 'done';
  }
  res.once('close', () => void body.return?.(undefined));
  for await (const message of body) {
    if (!res.writable) break;
    res.write(message);
    if (res.writableLength > limitBytes) {
      res.end(slowClientClose(limitBytes));
      setTimeout(() => res.destroy(), CLOSE_GRACE_MS).unref();
      await body.return?.(undefined);
      return 'dropped';
    }
  }
  res.end();
  return 'done';
}
