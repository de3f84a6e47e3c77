/**
 * Writes what the ontology determines: the per-kind SDL (schema/ontology.generated.graphql) and the
 * graphql-codegen configuration (codegen.yml, its mappers and enum values). `npm run codegen` runs it before
 * graphql-codegen; with --check (`npm run codegen:check`, run by build, lint and test) it writes nothing and
 * fails when either file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codegenConfig } from '../src/graph/codegen-config.js';
import { generateSdl } from '../src/graph/generate-sdl.js';
import { projectRoot } from '../src/project-root.js';

const outputs: Record<string, string> = {
  'schema/ontology.generated.graphql': generateSdl(),
  'codegen.yml': codegenConfig(),
};

const check = process.argv.includes('--check');
const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

let stale = 0;
for (const [relative, text] of Object.entries(outputs)) {
  const file = path.join(projectRoot(), relative);
  if (read(file) === text) continue;
  if (check) {
    stale += 1;
    console.error(`generate-schema: ${relative} is stale; run npm run codegen and commit the result`);
  } else {
    writeFileSync(file, text);
    console.log(`generate-schema: wrote ${relative}`);
  }
}
process.exitCode = stale ? 1 : 0;
