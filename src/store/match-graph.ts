import type { Database } from '../db/database.js';
import { loadEntityKeys } from './change-writer.js';
import { loadCompanyCountries } from './company-countries.js';
import type { EntityRecord } from './graph-records.js';

/** What matching reads of the graph: every entity's id, kind, name and aliases, and each company's country. */
export async function loadMatchGraph(db: Database): Promise<{ entities: EntityRecord[]; countryOf: Map<string, string> }> {
  return db.read(async (tx) => ({ entities: await loadEntityKeys(tx), countryOf: await loadCompanyCountries(tx) }));
}
