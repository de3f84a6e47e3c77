import { parseArgs } from 'node:util';
import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { planFor } from './generate.js';
import { openBenchDatabase } from './load-graph.js';
import { OPERATIONS, requestVariables } from './operations.js';
import { recordOurCypher } from './servers/record-cypher.js';

/**
 * `npx tsx bench/profile.ts --size 1e4 --op computeAccess [--requests 8] [--data-dir .data/bench-derived-100000]`: records the Cypher our server runs for
 * an operation's benchmark requests, then runs each statement again with PROFILE and prints its time, rows and
 * database hits, and the operators that cost the most hits. This is how the findings in docs/benchmarks.md were made.
 */

interface Operator {
  readonly name: string;
  readonly hits: number;
  readonly rows: number;
}

function operators(plan: ProfiledPlan, out: Operator[] = []): Operator[] {
  out.push({ name: plan.operatorType, hits: plan.dbHits, rows: plan.rows });
  for (const child of plan.children) operators(child, out);
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '1e4' },
      op: { type: 'string', default: 'byId' },
      requests: { type: 'string', default: '8' },
      'data-dir': { type: 'string' },
    },
  });
  const size = Number(values.size);
  const op = OPERATIONS.find((o) => o.name === values.op);
  if (!op) throw new Error(`Unknown operation ${values.op}; one of ${OPERATIONS.map((o) => o.name).join(', ')}`);
  const bench = await openBenchDatabase(size, { dataDir: values['data-dir'], log: (l) => process.stderr.write(`${l}\n`) });
  const driver = neo4j.driver(bench.neo4j.uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  try {
    const variables = requestVariables(planFor(size), Number(values.requests))[op.name]!;
    // Generous timeouts: a statement that times out in the benchmark is exactly what needs profiling.
    process.env.TX_TIMEOUT_MS = process.env.ANALYSIS_TX_TIMEOUT_MS = process.env.REQUEST_TIMEOUT_MS = '300000';
    const recorded = await recordOurCypher(bench.neo4j.uri, { [op.name]: { query: op.ours, variables } });
    for (const [i, txs] of recorded[op.name]!.entries()) {
      process.stdout.write(
        `\n## ${op.name} ${JSON.stringify(variables[i])}: ${txs.length} transaction(s), ${(txs.at(-1)!.end - txs[0]!.start).toFixed(1)} ms in ours\n`,
      );
      for (const q of txs.flatMap((tx) => tx.queries)) {
        const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
        const started = performance.now();
        const result = await session.run(`PROFILE ${q.query}`, q.params).finally(() => session.close());
        const ms = performance.now() - started;
        const ops = operators(result.summary.profile as ProfiledPlan);
        const hits = ops.reduce((a, o) => a + o.hits, 0);
        const top = [...ops]
          .sort((a, b) => b.hits - a.hits)
          .slice(0, 4)
          .map((o) => `${o.name} ${o.hits}`)
          .join(', ');
        process.stdout.write(
          `- ${ms.toFixed(1)} ms, ${result.records.length} rows, ${hits} db hits (${top}): ${q.query.replace(/\s+/g, ' ').trim().slice(0, 120)}\n`,
        );
      }
    }
  } finally {
    await driver.close();
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
