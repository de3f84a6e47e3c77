import type { Database } from '../../db/database.js';
import { dbDate } from '../../db/mapping.js';
import type { EntityModel } from '../../graph/models.js';
import { heldOn, toEntity } from '../cypher.js';
import { flag, list } from '../rows.js';
import { covers } from './classify.js';
import { inForce } from './common.js';
import { routesWithin } from './compute-access.js';
import type { AnalysisLimits, ComputeRouteModel, ExposedCompanyModel, ExposureModel } from './models.js';
import { DESTINATIONS } from './restrictions.js';

/** A regulation, whether it is in force on $asOf, what it covers then and what it restricts then (if in force). */
export const REGULATION_REACH = `
  MATCH (reg:Entity:Regulation {id: $regulation})
  WITH reg, ${inForce('reg', 'asOf')} AS inForce
  RETURN reg, inForce,
    ${DESTINATIONS},
    COLLECT {
      MATCH (reg)-[rr:RESTRICTS]->(chip:Entity:Chip)
      WHERE inForce AND ${heldOn('rr', 'asOf')}
      RETURN chip ORDER BY chip.name, chip.id
    } AS chips`;

/**
 * One company's exposure to a rule: it is offshore when the rule covers its home country and it reaches a chip the
 * rule restricts in a data center in another known country the rule does not cover.
 */
function exposedCompany(routes: ComputeRouteModel[], rule: { destinations: EntityModel[] }): ExposedCompanyModel {
  const homeCountry = routes[0]!.homeCountry;
  const homeCovered = covers(rule, homeCountry?.id ?? null);
  const offshore =
    homeCovered && routes.some((r) => r.dataCenterCountry !== null && r.dataCenterCountry.id !== homeCountry?.id && !covers(rule, r.dataCenterCountry.id));
  return { company: routes[0]!.company, homeCountry, homeCovered, offshore, routes };
}

/** Which chips a regulation restricts on `asOf`, who reaches them, who does so offshore; null for an unknown id. */
export async function exposure(db: Database, regulation: string, asOf: string, limits: AnalysisLimits): Promise<ExposureModel | null> {
  return db.read(
    async (tx) => {
      const [head] = await tx.run(REGULATION_REACH, { regulation, asOf: dbDate(asOf) });
      if (!head) return null;
      const destinations = list(head.destinations, 'destinations').map(toEntity);
      const chips = list(head.chips, 'chips').map(toEntity);
      const { routes, truncated } = chips.length
        ? await routesWithin(tx, { companies: null, chips: chips.map((c) => c.id) }, asOf, limits)
        : { routes: [], truncated: false };
      const byCompany = new Map<string, ComputeRouteModel[]>();
      for (const route of routes) byCompany.set(route.company.id, [...(byCompany.get(route.company.id) ?? []), route]);
      const companies = [...byCompany.values()].map((list) => exposedCompany(list, { destinations }));
      const base = { regulation: toEntity(head.reg), asOf, inForce: flag(head.inForce, 'inForce'), destinations, chips };
      return { ...base, companies, offshore: companies.filter((c) => c.offshore), truncated };
    },
    { timeoutMs: limits.timeoutMs },
  );
}
