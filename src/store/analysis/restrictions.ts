import type { Tx } from '../../db/database.js';
import { dbDate } from '../../db/mapping.js';
import type { EntityModel } from '../../graph/models.js';
import { heldOn, toEntity } from '../cypher.js';
import { list, text, textOrNull, texts } from '../rows.js';
import { inForce, pick } from './common.js';
import { basisOf } from './restriction-basis.js';
import type { RestrictionBasis, RestrictionModel } from './models.js';

/** The countries regulation `reg` applies to on $asOf, by name, as the column `destinations`. */
export const DESTINATIONS = `COLLECT {
      MATCH (reg)-[ra:APPLIES_TO]->(dest:Entity:Country)
      WHERE ${heldOn('ra', 'asOf')}
      RETURN dest ORDER BY dest.name, dest.id
    } AS destinations`;

/** Rules in force on $asOf that restrict the chips in $chips, each with every destination it covers then. */
export const RESTRICTIONS = `
  MATCH (reg:Entity:Regulation)-[rr:RESTRICTS]->(chip:Entity:Chip)
  WHERE chip.id IN $chips AND ${inForce('reg', 'asOf')} AND ${heldOn('rr', 'asOf')}
  RETURN chip.id AS chip, reg, rr.licenseRequirement AS licenseRequirement, rr.sourceIds AS sourceIds,
    rr {.basis, .paragraph, .criterion, .evidence} AS basis,
    ${DESTINATIONS}
  ORDER BY reg.effectiveDate, reg.id`;

/** A restriction before its sources are looked up. */
export interface RawRestriction {
  readonly regulation: EntityModel;
  readonly destinations: EntityModel[];
  readonly licenseRequirement: string | null;
  readonly sourceIds: string[];
  readonly basis: RestrictionBasis;
  readonly derivation: RestrictionModel['derivation'];
}

/** The rules in force on `asOf` restricting each chip, by chip id (chips no rule restricts are absent). */
export async function restrictionsByChip(tx: Tx, chips: Iterable<string>, asOf: string): Promise<Map<string, RawRestriction[]>> {
  const ids = [...new Set(chips)];
  const byChip = new Map<string, RawRestriction[]>();
  if (!ids.length) return byChip;
  for (const row of await tx.run(RESTRICTIONS, { chips: ids, asOf: dbDate(asOf) })) {
    const chip = text(row.chip, 'chip');
    const rules = byChip.get(chip) ?? [];
    rules.push({
      regulation: toEntity(row.reg),
      destinations: list(row.destinations, 'destinations').map(toEntity),
      licenseRequirement: textOrNull(row.licenseRequirement, 'licenseRequirement'),
      sourceIds: texts(row.sourceIds, 'sourceIds'),
      ...basisOf(row.basis),
    });
    byChip.set(chip, rules);
  }
  return byChip;
}

/** A restriction with its sources picked from `sources`. */
export const withSources = (r: RawRestriction, sources: Map<string, EntityModel>): RestrictionModel => ({
  regulation: r.regulation,
  destinations: r.destinations,
  licenseRequirement: r.licenseRequirement,
  sources: pick(sources, r.sourceIds),
  basis: r.basis,
  derivation: r.derivation,
});
