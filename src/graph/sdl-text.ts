import { RELATIONSHIP_TYPES, type PropertySpec } from './ontology.js';

/** What the SDL generators share: descriptions, fields with arguments, described blocks, filter type names. */

type Line = string;

/** A `"""description"""`, required: the SDL documents every element (the generators check, the tests too). */
export const described = (description: string | undefined, what: string): string => {
  if (!description) throw new Error(`ontology: ${what} has no description`);
  if (description.includes('"""')) throw new Error(`ontology: the description of ${what} contains """`);
  return `"""${description}"""`;
};

/** A field or input field with its description, indented; `args` are [name, type, description] triples. */
export function field(name: string, type: string, description: string | undefined, args: readonly (readonly [string, string, string])[] = []): Line[] {
  const head = `  ${described(description, name)}`;
  if (args.length === 0) return [head, `  ${name}: ${type}`];
  return [head, `  ${name}(`, ...args.flatMap(([a, t, d]) => [`    ${described(d, `${name}(${a})`)}`, `    ${a}: ${t}`]), `  ): ${type}`];
}

/** A described type, input or enum with its lines. */
export const block = (description: string, head: string, lines: Line[]): string => [described(description, head), `${head} {`, ...lines, '}'].join('\n');

/** The filter input of each scalar property type. */
export const SCALAR_FILTERS: Record<PropertySpec['type'], string> = {
  string: 'StringFilter',
  int: 'IntFilter',
  float: 'FloatFilter',
  boolean: 'BooleanFilter',
  date: 'DateFilter',
};

/** Relationship-type properties, each once, with the types that carry it. */
export function relationshipProperties(): { prop: PropertySpec; types: string[] }[] {
  const byName = new Map<string, { prop: PropertySpec; types: string[] }>();
  for (const spec of RELATIONSHIP_TYPES) {
    for (const prop of spec.properties) {
      const entry = byName.get(prop.name) ?? { prop, types: [] };
      entry.types.push(spec.type);
      byName.set(prop.name, entry);
    }
  }
  return [...byName.values()];
}
