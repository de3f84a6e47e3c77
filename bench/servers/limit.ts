import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import neo4j, { type Driver } from 'neo4j-driver';
import { profileRequests, type DbHits } from '../db-hits.js';
import { announceReady, benchEnv } from './ready.js';
import { recordOurCypher, type RecordedTx, type RequestSet } from './record-cypher.js';

/**
 * The limit: the same Cypher our store runs, through the bare neo4j-driver, behind a minimal node:http handler
 * that reads a JSON body and writes the records as JSON (so it pays HTTP and JSON like the GraphQL servers).
 *
 * "The same Cypher" is recorded, not copied: at start-up this process runs every benchmark request once through
 * our own server (in-process, with a Database that records each read transaction: its queries, parameters and
 * timing). A request `{ op, i }` then replays that request's transactions: same statements, same parameters, same
 * transaction boundaries, and transactions that overlapped in ours run concurrently here too. What the limit
 * leaves out is exactly what our server adds on top: GraphQL parsing, validation and execution, resolvers,
 * DataLoader batching, model mapping and the middleware stack.
 *
 * With BENCH_PROFILE_OUT set, the statements of every operation's first BENCH_PROFILE_REQUESTS requests are also
 * PROFILE'd once at start-up, and their db hits written there (next to the best statements', servers/best.ts).
 */

type Waves = RecordedTx[][];

/** Groups transactions into waves: a transaction that started before an earlier one ended ran alongside it. */
function toWaves(txs: readonly RecordedTx[]): Waves {
  const waves: Waves = [];
  let minEnd = -Infinity;
  for (const tx of [...txs].sort((a, b) => a.start - b.start)) {
    const current = waves.at(-1);
    if (!current || tx.start >= minEnd) {
      waves.push([tx]);
      minEnd = tx.end;
    } else {
      current.push(tx);
      minEnd = Math.min(minEnd, tx.end);
    }
  }
  return waves;
}

async function runTx(driver: Driver, recorded: RecordedTx): Promise<unknown[]> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    if (recorded.autoCommit) {
      const [q] = recorded.queries;
      return [(await session.run(q!.query, q!.params, { timeout: recorded.timeoutMs })).records.map((r) => r.toObject())];
    }
    return await session.executeRead(
      async (tx) => {
        const out: unknown[] = [];
        for (const q of recorded.queries) out.push((await tx.run(q.query, q.params)).records.map((r) => r.toObject()));
        return out;
      },
      { timeout: recorded.timeoutMs },
    );
  } finally {
    await session.close();
  }
}

async function replay(driver: Driver, waves: Waves): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const wave of waves) out.push(...(await Promise.all(wave.map((tx) => runTx(driver, tx)))));
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const env = benchEnv();
  const requests = JSON.parse(readFileSync(process.env.BENCH_REQUESTS ?? '', 'utf8')) as RequestSet;
  const recorded = await recordOurCypher(env.uri, requests);
  const plans = new Map<string, Waves[]>(Object.entries(recorded).map(([op, list]) => [op, list.map(toWaves)]));
  const driver = neo4j.driver(env.uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 50, disableLosslessIntegers: true });
  const profileOut = process.env.BENCH_PROFILE_OUT;
  if (profileOut) {
    const count = Number(process.env.BENCH_PROFILE_REQUESTS ?? 4);
    const hits: Record<string, DbHits> = {};
    for (const [op, list] of Object.entries(recorded))
      hits[op] = await profileRequests(
        driver,
        list.slice(0, count).map((txs) => txs.flatMap((tx) => tx.queries)),
      );
    writeFileSync(profileOut, JSON.stringify(hits));
  }
  const server = http.createServer((req, res) => {
    if (req.url === '/readyz') return void res.end('{"status":"ready"}');
    readBody(req)
      .then((body) => {
        const { op, i } = JSON.parse(body) as { op: string; i: number };
        const waves = plans.get(op)?.[i];
        if (!waves) throw new Error(`no recorded request ${op}[${i}]`);
        return replay(driver, waves);
      })
      .then((rows) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: rows }));
      })
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      });
  });
  server.listen(env.port, '127.0.0.1', () => announceReady(server));
  process.on('SIGTERM', () => void driver.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`limit server failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
