import { expect } from 'vitest';

/** A statement as its snapshot file holds it: without the indentation of the source, one trailing newline. */
export function formatted(statement: string): string {
  const lines = statement
    .replace(/^\s*\n/, '')
    .trimEnd()
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

/**
 * Compares a compiled statement with test/cypher/__snapshots__/<name>.cypher, one file per statement so a change
 * to the Cypher shows as a readable diff (`npx vitest run --project unit -u` rewrites the files after a review).
 */
export async function expectCypher(name: string, statement: string): Promise<void> {
  await expect(formatted(statement)).toMatchFileSnapshot(`__snapshots__/${name}.cypher`);
}
