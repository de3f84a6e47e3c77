import os from 'node:os';
import { loads, withSeededServer } from './seeded-server.js';

/**
 * `npx tsx bench/feed-subscribers.ts [subscribers=1000] [writes=10]`: many subscribers of the SSE change feed
 * (/graphql/stream) on one replica, the seed graph in a throwaway local Neo4j, server and subscribers in this
 * process. For each write, the delivery latency to every subscriber from sending the mutation and from its
 * answer (the commit), and the process's memory before and with the subscribers connected.
 */
const KEY = 'bench-feed-key-0123456789';
const SUBSCRIBERS = Number(process.argv[2] ?? 1_000);
const WRITES = Number(process.argv[3] ?? 10);

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

async function openSubscriber(url: string, received: (at: number) => void): Promise<AbortController> {
  const controller = new AbortController();
  const res = await fetch(`${url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: 'subscription { changes { sequence } }' }),
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`subscribe: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      const events = chunk.value.match(/event: next/g)?.length ?? 0;
      for (let e = 0; e < events; e++) received(performance.now());
    }
  })();
  return controller;
}

interface Summary {
  p50: number;
  p99: number;
  max: number;
}
const summarise = (values: number[]): Summary => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: Math.round(pct(s, 50)), p99: Math.round(pct(s, 99)), max: Math.round(s.at(-1) ?? 0) };
};

async function run(url: string): Promise<string[]> {
  const before = process.memoryUsage();
  let sentAt = 0;
  let committedAt = 0;
  const fromSend: number[] = [];
  const fromCommit: number[] = [];
  const subscribers: AbortController[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 100) {
    const batch = Math.min(100, SUBSCRIBERS - i);
    subscribers.push(
      ...(await Promise.all(
        Array.from({ length: batch }, () =>
          openSubscriber(url, (at) => {
            fromSend.push(at - sentAt);
            fromCommit.push(at - committedAt);
          }),
        ),
      )),
    );
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const connected = process.memoryUsage();
  const writeMs: number[] = [];
  for (let w = 0; w < WRITES; w++) {
    const id = `bench-feed-${process.pid}-${w}`;
    sentAt = performance.now();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        query: `mutation { createCompany(input: { id: "${id}", name: "Bench ${w}", sources: ["src-epoch-notable-models"] }) { entity { id } } }`,
      }),
    });
    committedAt = performance.now();
    writeMs.push(committedAt - sentAt);
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    await new Promise((r) => setTimeout(r, 1_500));
  }
  const after = process.memoryUsage();
  for (const s of subscribers) s.abort();
  const send = summarise(fromSend);
  const commit = summarise(fromCommit);
  const write = summarise(writeMs);
  return [
    `subscribers: ${SUBSCRIBERS}, writes: ${WRITES} (1.5 s apart), delivered ${fromSend.length} of ${SUBSCRIBERS * WRITES} events`,
    '',
    '| latency | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|',
    `| from sending the mutation | ${send.p50} | ${send.p99} | ${send.max} |`,
    `| from the mutation's answer (commit) | ${commit.p50} | ${commit.p99} | ${commit.max} |`,
    `| the mutation itself | ${write.p50} | ${write.p99} | ${write.max} |`,
    '',
    '| memory (server and subscribers, one process) | RSS MB | heap used MB |',
    '|---|---|---|',
    `| before subscribing | ${mb(before.rss)} | ${mb(before.heapUsed)} |`,
    `| ${SUBSCRIBERS} connected, idle | ${mb(connected.rss)} | ${mb(connected.heapUsed)} |`,
    `| after the writes | ${mb(after.rss)} | ${mb(after.heapUsed)} |`,
  ];
}

await withSeededServer(
  'feed-subscribers',
  {
    API_KEYS: KEY,
    AUDIT_VISIBILITY: 'public',
    WRITE_RATE_LIMIT_PER_MIN: '100000',
    MAX_CONNECTIONS: String(SUBSCRIBERS + 1_000),
    LIVE_MAX_SUBSCRIBERS: String(SUBSCRIBERS + 1_000),
  },
  async ({ url, config }) => {
    const loadBefore = loads();
    const result = await run(url);
    return [
      `# Change feed: many subscribers (${new Date().toISOString().slice(0, 10)})`,
      '',
      `command: npx tsx bench/feed-subscribers.ts ${SUBSCRIBERS} ${WRITES}; ${os.cpus().length} cores; LIVE_POLL_MS=${config.LIVE_POLL_MS}; load average before ${loadBefore}, after ${loads()}`,
      '',
      ...result,
    ];
  },
);
