import type { Tx } from '../../db/database.js';
import type { EntityModel } from '../../graph/models.js';
import { chipSpecsFromEntity } from '../../rules/chip-specs.js';
import { defaultRules } from '../../rules/default-rules.js';
import { undeterminedFor } from '../../rules/derive-restrictions.js';
import { text, texts } from '../rows.js';
import type { AccessClassification, UndeterminedModel } from './models.js';

/** The home countries (ISO codes) of the designers of the chips in $chips, and whether a source asserts a restriction of each. */
export const DESIGNER_HOMES = `
  MATCH (chip:Entity:Chip)
  WHERE chip.id IN $chips
  RETURN chip.id AS id, COLLECT {
    MATCH (chip)<-[:DESIGNS]-(:Entity:Company)-[:HEADQUARTERED_IN]->(home:Entity:Country)
    WHERE home.isoCode IS NOT NULL
    RETURN DISTINCT home.isoCode
  } AS homes,
  EXISTS { MATCH (chip)<-[r:RESTRICTS]-(:Entity:Regulation) WHERE r.basis IS NULL OR r.basis <> 'DERIVED' } AS curated`;

/** What the routes of one analysis need to know of a chip's undetermined rules. */
export interface UndeterminedOf {
  (chip: EntityModel, home: EntityModel | null): UndeterminedModel[];
  /** Chips with an asserted restriction: their curated facts, not the derivation alone, classify their routes. */
  readonly curated: ReadonlySet<string>;
}

/**
 * For the routes of one analysis: which rules in force cannot decide for a chip and a home country, from the
 * chip's stored specs (one statement for the designers, then the pure classifier, memoised per chip and home).
 */
export async function undeterminedRules(tx: Tx, chips: readonly string[], asOf: string): Promise<UndeterminedOf> {
  const rows = chips.length ? await tx.run(DESIGNER_HOMES, { chips: [...new Set(chips)] }) : [];
  const homes = new Map(rows.map((r) => [text(r.id, 'id'), texts(r.homes, 'homes')]));
  const curated = new Set(rows.filter((r) => r.curated === true).map((r) => text(r.id, 'id')));
  const memo = new Map<string, UndeterminedModel[]>();
  const { classifier } = defaultRules();
  const of = (chip: EntityModel, home: EntityModel | null): UndeterminedModel[] => {
    const iso = typeof home?.isoCode === 'string' ? home.isoCode : null;
    if (!iso) return [];
    const key = `${chip.id}|${iso}`;
    let found = memo.get(key);
    if (!found) {
      const specs = { ...chipSpecsFromEntity(chip), id: chip.id, designerHomes: homes.get(chip.id) ?? [] };
      found = undeterminedFor(specs, asOf, iso, classifier).map((u) => ({ regulationId: u.rule, missing: u.missing }));
      memo.set(key, found);
    }
    return found;
  };
  return Object.assign(of, { curated });
}

/**
 * UNKNOWN is never unrestricted: a route no rule restricts for home, but which a rule cannot decide, is UNKNOWN,
 * unless the chip is curated (some source asserts a restriction of it: its asserted facts are the curator's
 * verdict, and `undetermined` still names what the derivation lacks).
 */
export const withUnknown = (classification: AccessClassification, undetermined: readonly UndeterminedModel[], curated: boolean): AccessClassification =>
  classification === 'UNRESTRICTED' && undetermined.length && !curated ? 'UNKNOWN' : classification;
