import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { openBenchDatabase } from './load-graph.js';
import { buildAggregateQuery } from '../src/store/aggregate-query.js';
import { buildGroupQuery } from '../src/store/group-query.js';
import { groupKeys } from '../src/store/group-keys.js';
/**
 * `npx tsx bench/profile-aggregates.ts 1e4`: PROFILEs the compiled aggregate and group statements on the bench graph
 * of that size (loaded by `npm run bench`) and prints one Markdown row per statement: total db hits and the
 * operators that had any, and the median of 5 timed runs (ms, unprofiled). The table in docs/aggregations.md was made with it.
 */

const ops = (p: ProfiledPlan, out: string[] = []): string[] => {
  out.push(`${p.operatorType.replace('@neo4j', '')} ${p.dbHits}`);
  p.children.forEach((c) => ops(c, out));
  return out;
};
const hits = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((a, c) => a + hits(c), 0);
const bench = await openBenchDatabase(Number(process.argv[2] ?? 1e4), { log: () => {} });
const driver = neo4j.driver(bench.neo4j.uri, neo4j.auth.basic('neo4j', ''));
const g = (kind: 'DataCenter' | 'Model' | 'Chip', by: Record<string, unknown>[], rel: string[] = []) =>
  buildGroupQuery(kind, { keys: groupKeys(kind, by), stats: [], relationshipStats: rel, first: 100, byKey: false, descending: true });
const cases: [string, { query: string; params: Record<string, unknown> }][] = [
  ['chipsAggregate { count }', buildAggregateQuery('Chip', { stats: [] })],
  ['chipsAggregate { count memoryGb { sum avg } }', buildAggregateQuery('Chip', { stats: [{ field: 'memoryGb', ops: ['sum', 'avg'] }] })],
  ['dataCentersGroups(groupBy: [{property: STATUS}]) { count }', g('DataCenter', [{ property: 'STATUS' }])],
  ['chipsGroups(groupBy: [{property: VENDOR}]) { count }', g('Chip', [{ property: 'VENDOR' }])],
  ['dataCentersGroups(groupBy: [{country: {}}]) { count }', g('DataCenter', [{ country: {} }])],
  ['chipsGroups(groupBy: [{designers: {}}]) { count }', g('Chip', [{ designers: {} }])],
  ['modelsGroups(groupBy: [{developers: {headquarters: {}}}]) { count }', g('Model', [{ developers: { headquarters: {} } }])],
  [
    'dataCentersGroups(groupBy: [{chips: {}}, {country: {}}]) { chipsChipCount { sum } }',
    g('DataCenter', [{ chips: {} }, { country: {} }], ['chipsChipCount']),
  ],
];
try {
  for (const [name, { query, params }] of cases) {
    const s = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    await s.run(query, params); // warm the plan cache
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await s.run(query, params);
      times.push(performance.now() - t);
    }
    const r = await s.run(`PROFILE ${query}`, params).finally(() => s.close());
    const plan = r.summary.profile as ProfiledPlan;
    console.log(
      `| \`${name}\` | ${hits(plan)} | ${times.sort((a, b) => a - b)[2]!.toFixed(0)} | ${ops(plan)
        .filter((o) => !o.endsWith(' 0'))
        .join(', ')} |`,
    );
  }
} finally {
  await driver.close();
  await bench.stop();
}
