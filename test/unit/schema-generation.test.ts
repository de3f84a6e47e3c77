import { readFileSync } from 'node:fs';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from '../../src/graph/codegen-config.js';
import { generateSdl } from '../../src/graph/generate-sdl.js';
import { ENTITY_KINDS } from '../../src/graph/ontology.js';
import { loadTypeDefs } from '../../src/server/schema.js';

const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const printed = (sdl: string): string => `${printSchema(lexicographicSortSchema(buildSchema(sdl)))}\n`;

describe('the schema generated from the ontology', () => {
  it('builds the same schema as the committed snapshot, type for type and description for description', () => {
    // The snapshot is the schema clients see. A change to it is a change to the API: update it on purpose
    // (and schema/CHANGELOG.md), never to make this test pass.
    expect(printed(loadTypeDefs())).toBe(read('test/fixtures/schema.snapshot.graphql'));
  });

  it('is committed as schema/ontology.generated.graphql exactly as the generator writes it', () => {
    expect(read('schema/ontology.generated.graphql')).toBe(generateSdl());
  });

  it('writes codegen.yml with a mapper for every kind and its relation, edge and connection types', () => {
    const config = codegenConfig();
    expect(read('codegen.yml')).toBe(config);
    for (const kind of ENTITY_KINDS) {
      for (const type of [kind, `${kind}Relation`, `${kind}Connection`, `${kind}Edge`]) expect(config).toMatch(new RegExp(`^        ${type}: `, 'm'));
    }
    expect(config).toMatch(/^ {8}EntityKind:\n {10}COMPANY: Company$/m);
    expect(config).toMatch(/^ {10}DATA_CENTER: DataCenter$/m);
    expect(config).toMatch(/^ {8}Confidence:\n {10}HIGH: high$/m);
  });

  it('leaves nothing per kind in the hand-written SDL', () => {
    const handWritten = loadTypeDefs().replace(generateSdl(), '');
    for (const kind of ENTITY_KINDS) {
      // A kind's own computed field may extend its type by hand (Chip.controls); its definition is generated.
      expect(handWritten, kind).not.toMatch(new RegExp(`^(type|input|enum) ${kind}(Relation|Edge|Connection|Filter|SortField|Order)?\\b`, 'm'));
      expect(handWritten, kind).not.toMatch(new RegExp(`(create|update)${kind}\\(`));
    }
  });
});
