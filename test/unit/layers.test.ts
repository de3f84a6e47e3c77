import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();

// The first lint loads the config, typescript-eslint and its parser: seconds on a busy machine, so not in a test.
beforeAll(async () => {
  await eslint.lintText('', { filePath: 'src/x.ts' });
}, 120_000);

/** The layer rule's messages for `code` as if it were the file at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('the layering lint', () => {
  it.each([
    ['src/store/x.ts', "import { validateGraph } from '../ingest/seed.js';"],
    ['src/store/analysis/x.ts', "import type { GraphContext } from '../../server/http.js';"],
    ['src/store/x.ts', "import { resolvers } from '../resolvers/index.js';"],
    ['src/store/x.ts', "import neo4j from 'neo4j-driver';"],
    ['src/resolvers/x.ts', "import { int } from 'neo4j-driver';"],
    ['src/resolvers/x.ts', "import { queryScope } from '../db/database.js';"],
    ['src/resolvers/x.ts', "import { loadSeed } from '../ingest/seed.js';"],
    ['src/db/x.ts', "import { countEntities } from '../store/entity-store.js';"],
    ['src/db/x.ts', "export { loadSeed } from '../ingest/seed.js';"],
    ['src/graph/x.ts', "import type { Database } from '../db/database.js';"],
    ['src/graph/x.ts', "import type { Config } from '../config.js';"],
    ['src/errors.ts', "import type { EntityKind } from './graph/ontology.js';"],
    ['src/auth/x.ts', "import { createEntity } from '../store/mutation-store.js';"],
    ['src/ingest/x.ts', "import { requireEditor } from '../auth/viewer.js';"],
    ['src/server/x.ts', "import { countEntities } from '../store/entity-store.js';"],
  ])('fails %s importing upward or across: %s', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['src/resolvers/x.ts', "import { createEntity } from '../store/mutation-store.js';"],
    ['src/resolvers/x.ts', "import type { Database } from '../db/database.js';"],
    ['src/resolvers/x.ts', "import { runImport } from '../ingest/importers/index.js';"],
    ['src/store/analysis/x.ts', "import type { Tx } from '../../db/database.js';\nimport { cypherList } from '../cypher.js';"],
    ['src/ingest/x.ts', "import { applyChanges } from '../store/change-writer.js';"],
    ['src/db/x.ts', "import neo4j from 'neo4j-driver';\nimport { ENTITY_KINDS } from '../graph/ontology.js';"],
    ['src/graph/x.ts', "import { AppError } from '../errors.js';\nimport { ENTITY_KINDS } from './ontology.js';"],
    ['src/auth/x.ts', "import type { Viewer } from '../context.js';"],
  ])('lets %s import downward: %s', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
