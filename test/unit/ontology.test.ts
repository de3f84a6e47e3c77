import { buildSchema, getNamedType, isEnumType, isListType, isNonNullType, isObjectType, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, KIND_PROPERTIES, RELATIONSHIP_TYPES } from '../../src/graph/ontology.js';
import { loadTypeDefs } from '../../src/server/schema.js';

const schema = buildSchema(loadTypeDefs());
const field = (type: string, name: string): GraphQLField<unknown, unknown> | undefined => {
  const t = schema.getType(type);
  return isObjectType(t) ? t.getFields()[name] : undefined;
};
const expectedTarget = (kinds: readonly string[]): string => (kinds.length === 1 ? `${kinds[0]}Relation` : 'EntityRelation');

describe('the ontology and the SDL', () => {
  it('has an object type for every entity kind, implementing Entity', () => {
    for (const kind of ENTITY_KINDS) {
      const type = schema.getType(kind);
      expect(isObjectType(type), kind).toBe(true);
      if (isObjectType(type)) expect(type.getInterfaces().map((i) => i.name)).toContain('Entity');
    }
  });

  it('exposes every kind property as a field of its type', () => {
    for (const kind of ENTITY_KINDS) {
      for (const prop of KIND_PROPERTIES[kind]) expect(field(kind, prop.name), `${kind}.${prop.name}`).toBeDefined();
    }
  });

  it('gives every relationship a typed field on both of its endpoint kinds, with asOf', () => {
    for (const spec of RELATIONSHIP_TYPES) {
      for (const kind of spec.from) {
        const f = field(kind, spec.outField);
        expect(f, `${kind}.${spec.outField} (${spec.type})`).toBeDefined();
        expect(getNamedType(f!.type).name).toBe(expectedTarget(spec.to));
        expect(isListType(isNonNullType(f!.type) ? f!.type.ofType : f!.type)).toBe(!spec.outSingle);
        expect(f!.args.map((a) => a.name)).toContain('asOf');
      }
      for (const kind of spec.to) {
        const name = spec.symmetric ? spec.outField : spec.inField;
        const f = field(kind, name);
        expect(f, `${kind}.${name} (${spec.type})`).toBeDefined();
        expect(getNamedType(f!.type).name).toBe(expectedTarget(spec.symmetric ? spec.to : spec.from));
        expect(f!.args.map((a) => a.name)).toContain('asOf');
      }
    }
  });

  it('lists every relationship type in the RelationshipType enum', () => {
    const type = schema.getType('RelationshipType');
    if (!isEnumType(type)) throw new Error('RelationshipType is not an enum');
    const values = type.getValues().map((v) => v.name);
    expect(values.sort()).toEqual(RELATIONSHIP_TYPES.map((r) => r.type).sort());
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if ('getFields' in type) {
        for (const f of Object.values(type.getFields())) {
          if (!f.description) missing.push(`${type.name}.${f.name}`);
          for (const a of 'args' in f ? f.args : []) if (!a.description) missing.push(`${type.name}.${f.name}(${a.name})`);
        }
      }
      if ('getValues' in type) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
