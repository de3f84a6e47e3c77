import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateSdl } from '../graph/generate-sdl.js';
import { projectRoot } from '../project-root.js';

/** Generated files in `schema/` (for codegen and readers); the server builds that part from the ontology itself. */
const GENERATED = '.generated.graphql';
/** The schema as last released, the baseline of `npm run schema:check`: not part of the schema served. */
export const RELEASED = 'released.graphql';

/**
 * The SDL: the hand-written `schema/*.graphql` files (what is not per kind), in name order, then the per-kind
 * part generated from the ontology.
 */
export function loadTypeDefs(dir = path.join(projectRoot(), 'schema')): string {
  const written = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql') && !f.endsWith(GENERATED) && f !== RELEASED)
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
  return [...written, generateSdl()].join('\n');
}
