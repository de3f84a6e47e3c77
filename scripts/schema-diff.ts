import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
// graphql/index.js: the copy @graphql-inspector loads (under vitest a bare 'graphql' is the .mjs copy, another realm).
import { buildSchema, type GraphQLSchema } from 'graphql/index.js';

/** What the check found: changes that break clients and are not allowed, and the ones a retirement allows. */
export interface SchemaReport {
  readonly refused: readonly Change[];
  readonly retired: readonly Change[];
  readonly dangerous: readonly Change[];
  readonly safe: number;
}

/** Whether the element at `path` (`Type.field`, `Type.field.arg`, `Enum.VALUE`) was deprecated in the released schema. */
function wasDeprecated(released: GraphQLSchema, path: string): boolean {
  const [typeName, member] = path.split('.');
  const type = typeName ? released.getType(typeName) : undefined;
  if (!type || !member) return false;
  if ('getFields' in type) return !!type.getFields()[member]?.deprecationReason;
  if ('getValues' in type) return !!type.getValues().find((v) => v.name === member)?.deprecationReason;
  return false;
}

/**
 * Compares the schema served with the released one. A breaking change is allowed only as the end of a
 * retirement: the element was `@deprecated` in the released schema and schema/CHANGELOG.md names it (in
 * backticks, as `Type.field`). Every other breaking change is refused.
 */
export async function checkSchema(releasedSdl: string, currentSdl: string, changelog: string): Promise<SchemaReport> {
  const released = buildSchema(releasedSdl);
  const changes = await diff(released, buildSchema(currentSdl));
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const allowed = (c: Change): boolean => !!c.path && wasDeprecated(released, c.path) && changelog.includes(`\`${c.path}\``);
  return {
    refused: breaking.filter((c) => !allowed(c)),
    retired: breaking.filter(allowed),
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((c) => c.criticality.level === CriticalityLevel.NonBreaking).length,
  };
}
