import { unreadable, type Draft } from './draft.js';

/** The graph JSON format (docs/data-format.md): validated as a whole once the graph it lands in is known. */
export function parseGraphJson(content: string): Draft {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return unreadable(`The file is not valid JSON (${(error as Error).message}).`);
  }
  const file = parsed as { entities?: unknown; relationships?: unknown } | null;
  const entities = file?.entities ?? [];
  const relationships = file?.relationships ?? [];
  if (typeof file !== 'object' || Array.isArray(file) || !Array.isArray(entities) || !Array.isArray(relationships)) {
    return unreadable('The file must be a JSON object with "entities" and "relationships" arrays (docs/data-format.md).');
  }
  return {
    ...unreadable(''),
    issues: [],
    records: entities.length + relationships.length,
    raw: { entities, relationships },
    locate: (path) => ({ field: path, label: path }),
  };
}
