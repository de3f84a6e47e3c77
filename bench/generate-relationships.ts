import { relationshipSpec, type EntityKind } from '../src/graph/ontology.js';
import { dateBetween, idOf, int, oneOf, pick, rngFor, type BenchRelationship, type GraphPlan } from './generate.js';

/**
 * The relationships of the synthetic graph. Each one is owned by one of its endpoints (the owner draws it from its
 * own PRNG), so no pair is drawn twice across owners; self-referencing types only point at lower indexes (no cycles,
 * and symmetric PARTNERS_WITH never appears in both directions).
 */

type Draw = (type: string, fromKind: EntityKind, from: number, toKind: EntityKind, to: number, extra?: Record<string, unknown>) => void;

function relProps(rnd: () => number, extra: Record<string, unknown>): Record<string, unknown> {
  const validFrom = dateBetween(rnd, 2012, 2024);
  const ended = rnd() < 0.15;
  return {
    validFrom,
    validTo: ended ? dateBetween(rnd, Number(validFrom.slice(0, 4)) + 1, 2026) : null,
    confidence: oneOf(rnd, ['high', 'high', 'high', 'medium', 'low']),
    sourceIds: [],
    ...extra,
  };
}

/** `n` distinct power-law picks in [0, limit). */
function picks(rnd: () => number, limit: number, n: number): number[] {
  const out = new Set<number>();
  for (let k = 0; k < n && limit > 0; k++) out.add(pick(rnd, limit));
  return [...out];
}

/** Draws the relationships owned by entity `i` of `kind`. */
function drawOwned(plan: GraphPlan, kind: EntityKind, i: number, rnd: () => number, draw: Draw): void {
  const c = plan.counts;
  switch (kind) {
    case 'Company':
      draw('HEADQUARTERED_IN', 'Company', i, 'Country', pick(rnd, c.Country));
      if (i > 0 && rnd() < 0.2) draw('SUBSIDIARY_OF', 'Company', i, 'Company', pick(rnd, i));
      for (const j of picks(rnd, i, int(rnd, 0, 2))) draw('PARTNERS_WITH', 'Company', i, 'Company', j);
      if (i > 0 && rnd() < 0.02) draw('PROSECUTES', 'Company', pick(rnd, Math.min(i, 20)), 'Company', i);
      return;
    case 'Model':
      draw('DEVELOPS', 'Company', pick(rnd, c.Company), 'Model', i);
      for (const j of picks(rnd, c.Chip, int(rnd, 1, 2))) draw('TRAINED_ON', 'Model', i, 'Chip', j, { chipCount: int(rnd, 8, 100_000) });
      if (rnd() < 0.5) draw('TRAINED_AT', 'Model', i, 'DataCenter', pick(rnd, c.DataCenter));
      if (i > 0 && rnd() < 0.3) draw('FINE_TUNED_FROM', 'Model', i, 'Model', pick(rnd, i));
      return;
    case 'Chip':
      draw('DESIGNS', 'Company', pick(rnd, c.Company), 'Chip', i);
      // (pick + 1) makes the second company (TSMC) the foundry hub.
      draw('MANUFACTURES', 'Company', (pick(rnd, c.Company) + 1) % c.Company, 'Chip', i, { processNode: `${oneOf(rnd, [3, 4, 5, 7])}nm` });
      return;
    case 'DataCenter':
      draw('LOCATED_IN', 'DataCenter', i, 'Country', pick(rnd, c.Country));
      draw('OPERATES', 'Company', pick(rnd, c.Company), 'DataCenter', i);
      if (rnd() < 0.4) draw('RENTS_CAPACITY_AT', 'Company', pick(rnd, c.Company), 'DataCenter', i);
      for (const j of picks(rnd, c.Chip, int(rnd, 1, 3))) draw('EQUIPPED_WITH', 'DataCenter', i, 'Chip', j, { chipCount: int(rnd, 100, 100_000) });
      return;
    case 'Regulation':
      drawRegulation(plan, i, rnd, draw);
      return;
    default:
      return;
  }
}

function drawRegulation(plan: GraphPlan, i: number, rnd: () => number, draw: Draw): void {
  const c = plan.counts;
  if (rnd() < 0.7) draw('ISSUED_BY', 'Regulation', i, 'Country', pick(rnd, Math.min(c.Country, 8)));
  else draw('ISSUED_BY', 'Regulation', i, 'Company', pick(rnd, c.Company));
  for (const j of picks(rnd, c.Chip, int(rnd, 1, 4)))
    draw('RESTRICTS', 'Regulation', i, 'Chip', j, { licenseRequirement: oneOf(rnd, ['license required', 'presumption of denial', 'notification']) });
  for (const j of picks(rnd, c.Country, int(rnd, 1, 5))) draw('APPLIES_TO', 'Regulation', i, 'Country', j);
  if (i > 0 && rnd() < 0.3) draw('AMENDS', 'Regulation', i, 'Regulation', pick(rnd, i));
  if (i > 0 && rnd() < 0.05) draw('RESCINDS', 'Regulation', i, 'Regulation', pick(rnd, i));
  for (const j of picks(rnd, c.Company, int(rnd, 0, 3))) draw('LISTS', 'Regulation', i, 'Company', j);
}

/** The relationships owned by entity `i` of `kind`, with their properties. */
export function relationshipsOf(plan: GraphPlan, kind: EntityKind, i: number): BenchRelationship[] {
  const rnd = rngFor(plan, kind, i, 1);
  const out: BenchRelationship[] = [];
  const seen = new Set<string>();
  drawOwned(plan, kind, i, rnd, (type, fromKind, from, toKind, to, extra = {}) => {
    if (fromKind === toKind && from === to) return;
    const key = `${type}|${from}|${to}`;
    if (seen.has(key) || !relationshipSpec(type)) return;
    seen.add(key);
    out.push({ type, from: idOf(fromKind, from), to: idOf(toKind, to), props: relProps(rnd, extra) });
  });
  return out;
}

/** Every relationship, grouped by type within each batch (the loader runs one statement per type). */
export function* relationshipBatches(plan: GraphPlan, batchSize: number): Generator<Map<string, BenchRelationship[]>> {
  let batch = new Map<string, BenchRelationship[]>();
  let size = 0;
  for (const [kind, count] of Object.entries(plan.counts) as [EntityKind, number][]) {
    for (let i = 0; i < count; i++) {
      for (const rel of relationshipsOf(plan, kind, i)) {
        const list = batch.get(rel.type);
        if (list) list.push(rel);
        else batch.set(rel.type, [rel]);
        size += 1;
      }
      if (size >= batchSize) {
        yield batch;
        batch = new Map();
        size = 0;
      }
    }
  }
  if (size) yield batch;
}
