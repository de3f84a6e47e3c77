import autocannon, { type Result } from 'autocannon';

/**
 * The load generator, in its own process (forked by bench/run.ts) so that it never shares an event loop with a
 * server under test. Each message runs one autocannon burst and answers with its summary.
 */
export interface LoadJob {
  readonly url: string;
  /** JSON bodies, sent in turn (request k gets bodies[k % length]). */
  readonly bodies: readonly string[];
  readonly connections: number;
  /** Seconds; or, with `amount`, a fixed number of requests instead. */
  readonly duration: number;
  readonly amount?: number;
}

export interface LoadSummary {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly meanLatency: number;
  readonly total: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly timeouts: number;
  /** HTTP 200 responses that carried GraphQL `errors` (a TIMEOUT, say). */
  readonly graphqlErrors: number;
}

function run(job: LoadJob): Promise<LoadSummary> {
  let k = 0;
  let graphqlErrors = 0;
  // A string test, not a parse: cheap enough not to slow the load generator down.
  const onResponse = (_status: number, body: string): void => void (body.includes('"errors"') && (graphqlErrors += 1));
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.url,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.duration }),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: job.bodies[k++ % job.bodies.length] }), onResponse }],
      },
      (error: Error | null, r: Result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSecond: r.requests.total / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          meanLatency: r.latency.average,
          total: r.requests.total,
          errors: r.errors,
          non2xx: r.non2xx,
          timeouts: r.timeouts,
          graphqlErrors,
        });
      },
    );
  });
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (summary) => process.send?.({ ok: true, summary }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
