import type { Database } from '../db/database.js';
import { defaultRules } from '../rules/default-rules.js';
import { ALL_CHIP_IDS, recomputeDerivedRestrictions } from './derived-restrictions.js';
import { text } from './rows.js';

/** One marker (`:RulesApplied`, not an `:Entity`, so no read sees it): the rules version the stored derivations follow. */
const APPLIED_VERSION = `MATCH (m:RulesApplied {id: 'derived'}) RETURN m.version AS version`;

const MARK_APPLIED = `MERGE (m:RulesApplied {id: 'derived'})
SET m.version = $version, m.appliedAt = datetime(), m.chips = $chips, m.changed = $changed`;

/** Chips recomputed per transaction: bounded transactions on a graph of any size. */
const CHIPS_PER_TX = 2000;

export interface Rederivation {
  readonly chips: number;
  /** Derived relationships created, changed or deleted. */
  readonly changed: number;
}

/**
 * Redoes every chip's derived restrictions when the rules data (or the derivation's code version) differs from
 * the one the database's derivations were made by, then records the new version; null when they are current.
 * Runs in bounded transactions and marks the version last, so an interrupted run is redone at the next start.
 */
export async function rederiveIfRulesChanged(db: Database, onProgress?: (done: number, total: number) => void): Promise<Rederivation | null> {
  const { version } = defaultRules();
  const [marker] = await db.query(APPLIED_VERSION);
  if (marker && marker.version === version) return null;
  const ids = (await db.query(ALL_CHIP_IDS)).map((r) => text(r.id, 'id'));
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHIPS_PER_TX) {
    const batch = ids.slice(i, i + CHIPS_PER_TX);
    changed += await db.write((tx) => recomputeDerivedRestrictions(tx, batch), { timeoutMs: 600_000 });
    onProgress?.(Math.min(i + CHIPS_PER_TX, ids.length), ids.length);
  }
  await db.write((tx) => tx.run(MARK_APPLIED, { version, chips: ids.length, changed }));
  return { chips: ids.length, changed };
}
