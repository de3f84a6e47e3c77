import type http from 'node:http';

/** What every bench server reads from its environment (set by bench/run.ts). */
export function benchEnv(): { uri: string; port: number } {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI must point at the bench database.');
  return { uri, port: Number(process.env.PORT ?? 0) };
}

/** Tells the parent process the server listens: one `BENCH_READY <port>` line on stdout. */
export function announceReady(server: http.Server): void {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`BENCH_READY ${port}\n`);
}
