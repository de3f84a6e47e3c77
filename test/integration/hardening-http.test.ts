import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type AtlasServer } from '../../src/server/http.js';

const lines: string[] = [];
let server: AtlasServer;
let db: Database;
let port: number;
const SECRET_KEY = 'http-secret-key-in-url-0123456789';
const SECRET_COOKIE = 'http-secret-cookie-0123456789';

beforeAll(async () => {
  const config = loadConfig({
    PORT: '0',
    NEO4J_URI: inject('neo4jUri'),
    HTTP_REQUEST_TIMEOUT_MS: '1000',
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    MAX_CONNECTIONS: '2',
  });
  db = new Database({
    uri: config.NEO4J_URI!,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.TX_TIMEOUT_MS,
  });
  const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  server = await createServer(config, db, createLogger('info', sink));
  port = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

/** Opens a connection, writes `data`, and resolves with everything the server sent once it closes the connection. */
function exchange(data: string, keepOpen = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(data));
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(received) : reject(error)));
    socket.on('close', () => resolve(received));
    if (!keepOpen) socket.end();
  });
}

const connections = (): Promise<number> => new Promise((resolve) => server.httpServer.getConnections((_e, n) => resolve(n)));

const waitFor = async (found: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !found(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('the HTTP server under slow and abusive clients', () => {
  it('cuts a request whose body never finishes (HTTP_REQUEST_TIMEOUT_MS) with 408', async () => {
    const answer = await exchange('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts a request whose headers never finish (HTTP_HEADERS_TIMEOUT_MS)', async () => {
    const answer = await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('refuses connections beyond MAX_CONNECTIONS and serves the ones within it', async () => {
    const held = [net.connect(port, '127.0.0.1'), net.connect(port, '127.0.0.1')];
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    for (let i = 0; i < 100 && (await connections()) < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const extra = await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(extra).toBe('');
    held.forEach((s) => s.destroy());
    for (let i = 0; i < 100 && (await connections()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200/);
  });

  it('logs a body the client aborted at warn, not error', async () => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"query":'),
    );
    await new Promise((r) => setTimeout(r, 200)); // let the server start reading the body before the client leaves
    socket.destroy();
    const logged = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    await waitFor(() => logged().some((l) => l.level >= 40 && /aborted/.test(l.msg)));
    expect(logged().filter((l) => l.level === 40 && /aborted/.test(l.msg)).length).toBeGreaterThan(0);
    expect(logged().filter((l) => l.level >= 50)).toEqual([]);
  });

  it('writes no credential from the query string or a cookie to the log', async () => {
    const url = `http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ __typename }')}&api_key=${SECRET_KEY}&token=${SECRET_KEY}`;
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true', cookie: `session=${SECRET_COOKIE}`, 'x-api-key': SECRET_KEY } });
    expect(res.status).toBe(200);
    await waitFor(() => lines.some((l) => l.includes('__typename')));
    const logged = lines.filter((l) => l.includes('__typename'));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain(SECRET_KEY);
      expect(line).not.toContain(SECRET_COOKIE);
    }
  });
});
