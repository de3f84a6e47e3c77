import type { Tx } from '../db/database.js';
import { chipSpecsFromEntity } from '../rules/chip-specs.js';
import { defaultRules } from '../rules/default-rules.js';
import { deriveRestrictions, type ChipUnderRules, type DerivedRestriction } from '../rules/derive-restrictions.js';
import { applyChanges, changeOf, type RelationshipChange } from './change-writer.js';
import { entityRecordOf, relationshipRecordOf, type RelationshipRecord } from './graph-records.js';
import { list, map, text, texts } from './rows.js';

/** The actor the audit trail names for the restrictions the rules derive. */
export const RULES_ACTOR = 'rules';

const DESIGNER_HOMES = `COLLECT {
      MATCH (chip)<-[:DESIGNS]-(:Entity:Company)-[:HEADQUARTERED_IN]->(home:Entity:Country)
      WHERE home.isoCode IS NOT NULL
      RETURN DISTINCT home.isoCode
    } AS designerHomes`;

/** The chips in $ids with their designers' home countries (ISO codes) and their RESTRICTS relationships. */
export const CHIPS_UNDER_RULES = `
  MATCH (chip:Entity:Chip)
  WHERE chip.id IN $ids
  RETURN properties(chip) AS p, ${DESIGNER_HOMES},
    COLLECT { MATCH (reg:Entity:Regulation)-[r:RESTRICTS]->(chip) RETURN {from: reg.id, p: properties(r)} } AS restricts`;

/** Every chip id: the seed and bulk loads recompute them all. */
export const ALL_CHIP_IDS = `MATCH (chip:Entity:Chip) RETURN chip.id AS id`;

export const REGULATION_IDS = `MATCH (reg:Entity:Regulation) WHERE reg.id IN $ids RETURN reg.id AS id`;

export interface StoredChip {
  readonly chip: ChipUnderRules;
  readonly restricts: RelationshipRecord[];
}

/** The chips with the specs the rules read, and their stored RESTRICTS relationships. */
export async function loadChipsUnderRules(tx: Tx, ids: readonly string[]): Promise<StoredChip[]> {
  const rows = await tx.run(CHIPS_UNDER_RULES, { ids: [...new Set(ids)] });
  return rows.map((row) => {
    const entity = entityRecordOf(map(row.p, 'p'));
    const chip: ChipUnderRules = {
      ...chipSpecsFromEntity(entity),
      id: entity.id,
      releaseDate: typeof entity.releaseDate === 'string' ? entity.releaseDate : null,
      designerHomes: texts(row.designerHomes, 'designerHomes'),
    };
    const restricts = list(row.restricts, 'restricts').map((r) => {
      const m = map(r, 'restricts[]');
      return relationshipRecordOf('RESTRICTS', text(m.from, 'restricts.from'), entity.id, map(m.p, 'restricts.p'));
    });
    return { chip, restricts };
  });
}

/** Whether a stored RESTRICTS relationship is one the rules wrote. */
export const isDerived = (r: RelationshipRecord): boolean => r.basis === 'DERIVED';

/** A derived restriction as the RESTRICTS record the change writer stores. */
export function derivedRecord(d: DerivedRestriction, specSource: string | undefined): RelationshipRecord {
  return {
    type: 'RESTRICTS',
    from: d.rule,
    to: d.chip,
    sources: [d.source],
    basis: 'DERIVED',
    ...(d.paragraph ? { paragraph: d.paragraph } : {}),
    criterion: d.criterion,
    evidence: d.evidence.join('; '),
    validFrom: d.validFrom,
    ...(d.validTo ? { validTo: d.validTo } : {}),
    confidence: d.confidence,
    notes: `Derived by the rules (data/rules) from the specs of ${specSource ?? d.chip}.`,
  };
}

/**
 * The changes that bring a chip's derived RESTRICTS relationships in line with its specs: create or update the
 * derived ones, delete those the rules no longer derive. An asserted relationship is never touched: where one
 * exists for the same rule, the derivation is left to controlDiscrepancies.
 */
export function planDerived(stored: StoredChip, derived: readonly DerivedRestriction[], regulations: ReadonlySet<string>): RelationshipChange[] {
  const byRule = new Map(stored.restricts.map((r) => [r.from, r]));
  const wanted = new Set<string>();
  const changes: RelationshipChange[] = [];
  for (const d of derived) {
    const before = byRule.get(d.rule) ?? null;
    if (!regulations.has(d.rule) || (before && !isDerived(before))) continue;
    wanted.add(d.rule);
    const change = changeOf(before, derivedRecord(d, stored.chip.specSource));
    if (change) changes.push(change);
  }
  for (const r of stored.restricts) if (isDerived(r) && !wanted.has(r.from)) changes.push({ op: 'delete', before: r, after: null });
  return changes;
}

/**
 * Recomputes the derived restrictions of some chips (every chip when `ids` is null) in the caller's transaction,
 * written through the change writer as RULES_ACTOR. Returns the number of relationships changed.
 */
export async function recomputeDerivedRestrictions(tx: Tx, ids: readonly string[] | null): Promise<number> {
  const chipIds = ids ?? (await tx.run(ALL_CHIP_IDS)).map((r) => text(r.id, 'id'));
  if (!chipIds.length) return 0;
  const { ruleSet } = defaultRules();
  const ruleIds = Object.keys(ruleSet.rules.rules);
  const regulations = new Set((await tx.run(REGULATION_IDS, { ids: ruleIds })).map((r) => text(r.id, 'id')));
  let changed = 0;
  for (let i = 0; i < chipIds.length; i += BATCH) {
    const stored = await loadChipsUnderRules(tx, chipIds.slice(i, i + BATCH));
    const relationships = stored.flatMap((s) => planDerived(s, deriveRestrictions(s.chip, ruleSet), regulations));
    if (relationships.length) await applyChanges(tx, RULES_ACTOR, { entities: [], relationships });
    changed += relationships.length;
  }
  return changed;
}

/** Chips read per statement. */
const BATCH = 2000;
