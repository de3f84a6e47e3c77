import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import neo4j from 'neo4j-driver';
import { BEST } from '../best-cypher.js';
import { profileRequests, type DbHits } from '../db-hits.js';
import { announceReady, benchEnv } from './ready.js';
import type { RequestSet } from './record-cypher.js';

/**
 * The best: for each operation, the best Cypher statement we could write by hand for the same answer
 * (bench/best-cypher.ts), through the bare neo4j-driver behind the same minimal node:http handler as the limit
 * (servers/limit.ts): a request `{ op, i }` runs request i's statement as one auto-commit read and writes the
 * answer as JSON. At start-up, every operation's first BENCH_PROFILE_REQUESTS statements are PROFILE'd once and
 * their db hits written to BENCH_PROFILE_OUT.
 */

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
  const driver = neo4j.driver(env.uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 50, disableLosslessIntegers: true });
  const statements = new Map(
    Object.entries(requests).flatMap(([op, { variables }]) => {
      const best = BEST[op];
      return best
        ? [[op, variables.map((vars) => ({ ...best.statement(vars), finish: (rows: Record<string, unknown>[]) => best.finish?.(rows, vars) ?? rows }))]]
        : [];
    }),
  );
  const profileOut = process.env.BENCH_PROFILE_OUT;
  if (profileOut) {
    const count = Number(process.env.BENCH_PROFILE_REQUESTS ?? 4);
    const hits: Record<string, DbHits> = {};
    for (const [op, list] of statements)
      hits[op] = await profileRequests(
        driver,
        list.slice(0, count).map((s) => [s]),
      );
    writeFileSync(profileOut, JSON.stringify(hits));
  }
  const server = http.createServer((req, res) => {
    if (req.url === '/readyz') return void res.end('{"status":"ready"}');
    readBody(req)
      .then(async (body) => {
        const { op, i } = JSON.parse(body) as { op: string; i: number };
        const s = statements.get(op)?.[i];
        if (!s) throw new Error(`no best statement for ${op}[${i}]`);
        const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
        try {
          return s.finish((await session.run(s.query, s.params)).records.map((r) => r.toObject()));
        } finally {
          await session.close();
        }
      })
      .then((answer) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: answer }));
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
  process.stderr.write(`best server failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
