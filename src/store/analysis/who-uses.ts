import type { Database } from '../../db/database.js';
import { dbDate, dbInt } from '../../db/mapping.js';
import { heldOn, toEntity } from '../cypher.js';
import { oneOf } from '../rows.js';
import { confidenceOf, relRow, sourcesByIds, toPath, toRelRows, weakest } from './common.js';
import { CHIP_USE_KINDS, type AnalysisLimits, type ChipUsageModel, type ChipUseKind, type ChipUserModel } from './models.js';
import { restrictionsByChip, withSources } from './restrictions.js';

const allValid = `all(r IN relationships(p) WHERE ${heldOn('r', 'asOf')})`;

/** The path from a user to `chip` for each way of using it; a path through a data center binds `dc`. */
const USE_PATHS: Readonly<Record<ChipUseKind, string>> = {
  TRAINED_ON: '(user:Entity:Model)-[:TRAINED_ON]->(chip)',
  OPERATES_DATA_CENTER: '(user:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)',
  RENTS_CAPACITY: '(user:Entity:Company)-[:RENTS_CAPACITY_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)',
  DEVELOPS_MODEL_TRAINED_ON: '(user:Entity:Company)-[:DEVELOPS]->(:Entity:Model)-[:TRAINED_ON]->(chip)',
  TRAINED_AT_DATA_CENTER: '(user:Entity:Model)-[:TRAINED_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)',
};

const useBranch = ([how, path]: [string, string]): string => `
    MATCH p = ${path}
    WHERE ${allValid}
    RETURN user, '${how}' AS how, p, ${path.includes('(dc:') ? 'dc' : 'null AS dc'}`;

/** Every company and model using $chip on $asOf, one UNION branch per way of using it, each with its path. */
export const WHO_USES = `
  MATCH (chip:Entity:Chip {id: $chip})
  CALL (chip) {${Object.entries(USE_PATHS).map(useBranch).join('\n    UNION')}
  }
  WITH chip, user, how, p, dc
  ORDER BY user.name, user.id, how, [n IN nodes(p) | n.id]
  LIMIT $limit
  RETURN chip, user, how, dc, nodes(p) AS nodes, [r IN relationships(p) | ${relRow('r')}] AS rels`;

export const CHIP = `MATCH (chip:Entity:Chip {id: $chip}) RETURN chip`;

const DIRECT: ReadonlySet<ChipUseKind> = new Set(['TRAINED_ON', 'OPERATES_DATA_CENTER']);

/** Who uses a chip on `asOf` and which rules restrict it then; null when no chip has the id. */
export async function whoUses(db: Database, chip: string, asOf: string, limits: AnalysisLimits): Promise<ChipUsageModel | null> {
  return db.read(
    async (tx) => {
      const [head] = await tx.run(CHIP, { chip });
      if (!head) return null;
      const rows = await tx.run(WHO_USES, { chip, asOf: dbDate(asOf), limit: dbInt(limits.maxResults + 1) });
      const rules = (await restrictionsByChip(tx, [chip], asOf)).get(chip) ?? [];
      const sources = await sourcesByIds(
        tx,
        rules.flatMap((r) => r.sourceIds),
      );
      const users: ChipUserModel[] = rows.slice(0, limits.maxResults).map((row) => {
        const rels = toRelRows(row.rels);
        const how = oneOf(CHIP_USE_KINDS, row.how, 'how');
        return {
          entity: toEntity(row.user),
          how,
          direct: DIRECT.has(how),
          dataCenter: row.dc ? toEntity(row.dc) : null,
          path: toPath(row.nodes, rels),
          confidence: weakest(rels.map(confidenceOf)),
        };
      });
      const restrictions = rules.map((r) => withSources(r, sources));
      return { chip: toEntity(head.chip), asOf, users, restrictions, truncated: rows.length > limits.maxResults };
    },
    { timeoutMs: limits.timeoutMs },
  );
}
