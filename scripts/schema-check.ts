/**
 * npm run schema:check (run by npm run lint): fails when the schema served breaks clients of the released one
 * (schema/released.graphql), unless the change retires an element deprecated there and listed in
 * schema/CHANGELOG.md. After a release: `npm run schema:check -- --release` makes the schema served the baseline.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../src/project-root.js';
import { loadTypeDefs, RELEASED } from '../src/server/schema.js';
import { checkSchema } from './schema-diff.js';

const root = projectRoot();
const releasedFile = path.join(root, 'schema', RELEASED);
const current = printSchema(lexicographicSortSchema(buildSchema(loadTypeDefs()))) + '\n';

if (process.argv.includes('--release')) {
  writeFileSync(releasedFile, current);
  process.stdout.write(`schema:check: wrote ${path.relative(root, releasedFile)}\n`);
} else {
  const report = await checkSchema(readFileSync(releasedFile, 'utf8'), current, readFileSync(path.join(root, 'schema', 'CHANGELOG.md'), 'utf8'));
  for (const c of report.dangerous) process.stdout.write(`dangerous: ${c.message}\n`);
  for (const c of report.retired) process.stdout.write(`retired (deprecated and in CHANGELOG.md): ${c.message}\n`);
  for (const c of report.refused) process.stderr.write(`BREAKING: ${c.message}${c.path ? ` (${c.path})` : ''}\n`);
  if (report.refused.length) {
    process.stderr.write(
      `schema:check: ${report.refused.length} breaking change(s) against schema/${RELEASED}. Deprecate instead (@deprecated(reason: "... removed after <date>")), and remove only after a release, listing the element in schema/CHANGELOG.md.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`schema:check: no breaking change (${report.safe} safe, ${report.dangerous.length} dangerous, ${report.retired.length} retired)\n`);
}
