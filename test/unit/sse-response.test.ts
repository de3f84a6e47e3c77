import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSseReply } from '../../src/server/sse-response.js';

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** An endless stream of 1 KiB events, as a busy change feed would send them. */
async function* endless(): AsyncGenerator<string, void> {
  const data = JSON.stringify({ data: { filler: 'x'.repeat(1_000) } });
  for (;;) yield `event: next\ndata: ${data}\n\n`;
}

describe('writing the change feed to a client', () => {
  it('drops a client that stops reading once the bound is passed, and leaves it the reason to read', async () => {
    let answered: (outcome: Promise<string>) => void = () => undefined;
    const outcome = new Promise<Promise<string>>((resolve) => (answered = resolve));
    const server = http.createServer((_req, res) => {
      answered(writeSseReply(res, [endless(), { status: 200, statusText: 'OK', headers: { 'content-type': 'text/event-stream' } }], 64 * 1024));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    // The client sends its request and then reads nothing, so the kernel buffers fill and the server's grows.
    socket.pause();
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
    expect(await await outcome).toBe('dropped');
    // Reading now, the client gets the events that were buffered, then the close reason and the end.
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.resume();
    await expect.poll(() => received.includes('event: complete'), { timeout: 4_000 }).toBe(true);
    socket.destroy();
    const reason = received.indexOf('"code":"SLOW_CONSUMER"');
    expect(reason).toBeGreaterThan(0);
    expect(received.indexOf('event: complete')).toBeGreaterThan(reason);
  });
});
