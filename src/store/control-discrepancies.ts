import type { Database, Tx } from '../db/database.js';
import type { EntityModel } from '../graph/models.js';
import { inForce } from '../rules/classify.js';
import { defaultRules } from '../rules/default-rules.js';
import { deriveRestrictions, subjectToRules, type DerivedRestriction } from '../rules/derive-restrictions.js';
import { pick, sourcesByIds } from './analysis/common.js';
import type { AnalysisLimits } from './analysis/models.js';
import { ALL_CHIP_IDS, isDerived, loadChipsUnderRules, type StoredChip } from './derived-restrictions.js';
import { entityColumn, toEntity } from './cypher.js';
import type { RelationshipRecord } from './graph-records.js';
import { text } from './rows.js';

export type DiscrepancyKind = 'ASSERTED_NOT_DERIVED' | 'ASSERTED_UNDECIDED' | 'DERIVED_NOT_ASSERTED' | 'DIFFERENT_DATES';

/** Where an asserted RESTRICTS fact and the rules' derivation disagree on a day, with both sides. */
export interface ControlDiscrepancyModel {
  readonly kind: DiscrepancyKind;
  readonly chip: EntityModel;
  readonly regulation: EntityModel;
  readonly asserted: { validFrom: string | null; validTo: string | null; licenseRequirement: string | null; sources: EntityModel[] } | null;
  readonly derived: { paragraph: string | null; criterion: string; evidence: string[]; validFrom: string; validTo: string | null } | null;
  /** Inputs whose absence leaves the derivation undecided (ASSERTED_UNDECIDED). */
  readonly missing: string[];
}

type Found = Omit<ControlDiscrepancyModel, 'chip' | 'regulation' | 'asserted'> & { chip: string; rule: string; edge: RelationshipRecord | null };

export const ENTITIES = `
  MATCH (n:Entity)
  WHERE n.id IN $ids
  RETURN ${entityColumn('n')} AS n`;

const held = (validFrom: unknown, validTo: unknown, day: string): boolean =>
  (typeof validFrom !== 'string' || validFrom <= day) && (typeof validTo !== 'string' || day < validTo);

/** A chip's discrepancies on `asOf`, over the rules with chip criteria in force then. Pure. */
function discrepanciesOf(stored: StoredChip, asOf: string): Found[] {
  const { ruleSet, classifier } = defaultRules();
  if (!subjectToRules(stored.chip)) return [];
  const asserted = new Map(stored.restricts.filter((r) => !isDerived(r)).map((r) => [r.from, r]));
  const derived = new Map<string, DerivedRestriction>(deriveRestrictions(stored.chip, ruleSet).map((d) => [d.rule, d]));
  const curated = asserted.size > 0;
  const out: Found[] = [];
  for (const [id, rule] of Object.entries(ruleSet.rules.rules)) {
    if (!inForce(rule, asOf) || !rule.controls.some((c) => c.appliesTo === 'IC') || (rule.exportFrom && rule.exportFrom !== 'US')) continue;
    const edge = asserted.get(id) ?? null;
    const d = derived.get(id) ?? null;
    const base = { chip: stored.chip.id, rule: id, edge, derived: d && { ...d }, missing: [] as string[] };
    if (edge && held(edge.validFrom, edge.validTo, asOf)) {
      if (d && ((edge.validFrom ?? null) !== d.validFrom || (edge.validTo ?? null) !== d.validTo)) out.push({ ...base, kind: 'DIFFERENT_DATES' });
      if (d) continue;
      const outcome = classifier.classify(stored.chip, asOf, 'US').rules.find((o) => o.rule === id);
      const unknown = outcome?.controls.filter((c) => c.status === 'UNKNOWN') ?? [];
      const met = outcome?.controls.some((c) => c.status === 'MET');
      // Met only by a low-confidence criterion: neither side is contradicted, so nothing is reported.
      if (met) continue;
      const missing = [...new Set(unknown.flatMap((c) => c.missing))];
      out.push({ ...base, kind: missing.length ? 'ASSERTED_UNDECIDED' : 'ASSERTED_NOT_DERIVED', missing });
    } else if (d && held(d.validFrom, d.validTo, asOf) && curated) {
      out.push({ ...base, kind: 'DERIVED_NOT_ASSERTED' });
    }
  }
  return out;
}

async function toModels(tx: Tx, found: Found[]): Promise<ControlDiscrepancyModel[]> {
  const rows = await tx.run(ENTITIES, { ids: [...new Set(found.flatMap((f) => [f.chip, f.rule]))] });
  const entities = new Map(rows.map((r) => toEntity(r.n)).map((e) => [e.id, e]));
  const sources = await sourcesByIds(
    tx,
    found.flatMap((f) => f.edge?.sources ?? []),
  );
  return found.flatMap((f) => {
    const chip = entities.get(f.chip);
    const regulation = entities.get(f.rule);
    if (!chip || !regulation) return [];
    const e = f.edge;
    const asserted = e && {
      validFrom: typeof e.validFrom === 'string' ? e.validFrom : null,
      validTo: typeof e.validTo === 'string' ? e.validTo : null,
      licenseRequirement: typeof e.licenseRequirement === 'string' ? e.licenseRequirement : null,
      sources: pick(sources, e.sources),
    };
    return [{ kind: f.kind, chip, regulation, asserted, derived: f.derived, missing: f.missing }];
  });
}

/**
 * Every disagreement on `asOf` between the asserted RESTRICTS facts and what the rules derive from the chips'
 * specs: asserted but not derived (or undecided), derived but not asserted for a curated chip (one with an
 * asserted restriction), and different dates. At most limits.maxResults, chip by chip.
 */
export function controlDiscrepancies(db: Database, asOf: string, limits: AnalysisLimits): Promise<ControlDiscrepancyModel[]> {
  return db.read(
    async (tx) => {
      const ids = (await tx.run(ALL_CHIP_IDS)).map((r) => text(r.id, 'id')).sort();
      const found: Found[] = [];
      for (const stored of await loadChipsUnderRules(tx, ids)) found.push(...discrepanciesOf(stored, asOf));
      found.sort((a, b) => a.chip.localeCompare(b.chip) || a.rule.localeCompare(b.rule));
      return toModels(tx, found.slice(0, limits.maxResults));
    },
    { timeoutMs: limits.timeoutMs },
  );
}
