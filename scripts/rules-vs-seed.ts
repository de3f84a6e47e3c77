import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsv } from '../src/ingest/importers/csv-table.js';
import { readEpochChipSpecs } from '../src/ingest/importers/epoch-hardware-specs.js';
import { readSeedGraph } from '../src/ingest/seed.js';
import { projectRoot } from '../src/project-root.js';
import { checkRestrictsEdges, derivedWithoutEdge } from '../src/rules/asserted-vs-derived.js';
import { chipSpecsFromEntity, type ChipSpecs } from '../src/rules/chip-specs.js';
import { createClassifier } from '../src/rules/classify.js';
import { loadRuleSet } from '../src/rules/load-rules.js';

/**
 * `npx tsx scripts/rules-vs-seed.ts [--epoch]`: which seed RESTRICTS edges the rules derive from the chips' own
 * specs, which they contradict, which they cannot decide (and for want of what), and which restrictions they
 * derive that no edge asserts. `--epoch` fills die area and interconnect bandwidth the seed lacks from the Epoch
 * AI ML Hardware row of the same name (test/fixtures/epoch/ml_hardware_2026-07.csv, CC BY 4.0).
 */
const graph = readSeedGraph();
const ruleSet = loadRuleSet();
const classifier = createClassifier(ruleSet);
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function epochSpecs(): Map<string, ChipSpecs> {
  const file = 'ml_hardware_2026-07.csv';
  const content = readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'epoch', file), 'utf8');
  return new Map(readEpochChipSpecs(readCsv(content), file).chips.map((c) => [norm(c.specs.name), c.specs]));
}

const epoch = process.argv.includes('--epoch') ? epochSpecs() : null;
const specsOf = (e: Parameters<typeof chipSpecsFromEntity>[0]): ChipSpecs => {
  const own = chipSpecsFromEntity(e);
  const row = epoch?.get(norm(e.name));
  if (!row) return own;
  return {
    ...own,
    dieAreaMm2: row.dieAreaMm2,
    interconnectBandwidthGBs: own.interconnectBandwidthGBs ?? row.interconnectBandwidthGBs,
    specSource: `${own.specSource} + ${row.specSource}`,
  };
};

const edges = checkRestrictsEdges(graph, ruleSet, classifier, specsOf);
console.log(`Seed RESTRICTS edges checked against the rules (${epoch ? 'seed specs + Epoch die area' : 'seed specs only'}):\n`);
for (const verdict of ['AGREES', 'DISAGREES', 'UNDECIDED', 'NOT_EVALUABLE'] as const) {
  const list = edges.filter((e) => e.verdict === verdict);
  console.log(`${verdict} (${list.length})`);
  for (const e of list) {
    console.log(`  ${e.rule} → ${e.chip} on ${e.day}: ${e.detail.join('; ')}${e.missing.length ? ` [missing: ${e.missing.join(', ')}]` : ''}`);
    for (const n of e.dateNotes) console.log(`      date: ${n}`);
  }
}
const extra = derivedWithoutEdge(graph, ruleSet, classifier, specsOf);
for (const status of ['MET', 'UNKNOWN'] as const) {
  const list = extra.filter((d) => d.status === status);
  console.log(`\n${status === 'MET' ? 'DERIVED' : 'UNDECIDED'}, NO EDGE (${list.length})`);
  for (const d of list)
    console.log(
      `  ${d.rule} → ${d.chip} from ${d.day}: ${d.paragraph ?? ''} ${d.criterion ?? ''}${d.missing.length ? ` [missing: ${d.missing.join(', ')}]` : ''}${d.evidence.length ? ` (${d.evidence.join('; ')})` : ''}`,
    );
}
