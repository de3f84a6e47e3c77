import type { Tx } from '../db/database.js';
import { text } from './rows.js';

export const COMPANY_COUNTRIES = `
  MATCH (c:Entity:Company)-[:HEADQUARTERED_IN]->(k:Entity:Country)
  RETURN c.id AS id, k.name AS country`;

/** Each company's headquarters country by name, for matching names from other sources (screening lists). */
export async function loadCompanyCountries(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.run(COMPANY_COUNTRIES);
  return new Map(rows.map((r) => [text(r.id, 'id'), text(r.country, 'country')]));
}
