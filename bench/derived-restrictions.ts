import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/project-root.js';
import { chipSpecsFromEntity } from '../src/rules/chip-specs.js';
import { defaultRules } from '../src/rules/default-rules.js';
import { deriveRestrictions, undeterminedFor, type ChipUnderRules } from '../src/rules/derive-restrictions.js';
import { entityAt, planFor } from './generate.js';

/**
 * `npx tsx bench/derived-restrictions.ts --size 1e5`: the CPU side of derived restrictions over every chip of the
 * synthetic graph of that size (bench/generate.ts): the derivation the store writes (deriveRestrictions, every
 * rule window) and the per-route check of computeAccess (undeterminedFor, one day, China). Pure, no database:
 * what the seed load, an import or a bulk recompute spends classifying, beside the Cypher it runs.
 */
const { values } = parseArgs({ options: { size: { type: 'string', default: '1e5' }, rounds: { type: 'string', default: '5' }, out: { type: 'string' } } });
const size = Number(values.size);
const plan = planFor(size);
const chips: ChipUnderRules[] = [];
for (let i = 0; i < plan.counts.Chip; i += 1) {
  const e = entityAt(plan, 'Chip', i);
  chips.push({ ...chipSpecsFromEntity(e), id: e.id, releaseDate: typeof e.releaseDate === 'string' ? e.releaseDate : null, designerHomes: [] });
}
const { ruleSet, classifier } = defaultRules();

function timed(run: () => number): { ms: number[]; result: number } {
  const ms: number[] = [];
  let result = 0;
  for (let r = 0; r < Number(values.rounds); r += 1) {
    const t = performance.now();
    result = run();
    ms.push(performance.now() - t);
  }
  return { ms: ms.sort((a, b) => a - b), result };
}

const derive = timed(() => chips.reduce((n, c) => n + deriveRestrictions(c, ruleSet).length, 0));
const check = timed(() => chips.reduce((n, c) => n + undeterminedFor(c, '2025-06-01', 'CN', classifier).length, 0));
const median = (ms: number[]): number => ms[Math.floor(ms.length / 2)]!;
const line = (label: string, t: { ms: number[]; result: number }, unit: string): string =>
  `| ${label} | ${median(t.ms).toFixed(0)} ms | ${((median(t.ms) * 1000) / chips.length).toFixed(1)} µs | ${t.result.toLocaleString('en')} ${unit} |`;
const day = new Date().toISOString().slice(0, 10);
const md = `# Derived restrictions: classifying every chip, ${size.toLocaleString('en')} entities, ${day}

Command: \`npx tsx bench/derived-restrictions.ts --size ${values.size}\` (pure, no database; median of ${values.rounds} rounds).

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at end ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')}
(shared machine: absolute numbers are noisy).

Graph: the synthetic plan of bench/generate.ts (seed 42), ${chips.length.toLocaleString('en')} chips with TPP only (no die area, I/O
rate or datacenter flag), so most rules stay UNKNOWN for PD and Note 2: the expensive path of the classifier.

| step | all chips | per chip | result |
|---|---|---|---|
${line('deriveRestrictions (every rule window)', derive, 'derived restrictions')}
${line('undeterminedFor (one day, China)', check, 'undetermined rules')}
`;
const out = values.out ?? path.join(projectRoot(), 'bench', 'results', `${day}-derived-${size}.md`);
writeFileSync(out, md);
process.stdout.write(md);
