import { buildSchema, getNamedType, isEnumType, isListType, isNonNullType, isObjectType, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  COMMON_RELATIONSHIP_PROPERTIES,
  CONFIDENCE_LEVELS,
  constantCase,
  ENTITY_KINDS,
  KIND_PROPERTIES,
  RELATIONSHIP_TYPES,
  type EntityKind,
} from '../../src/graph/ontology.js';
import { loadTypeDefs } from '../../src/server/schema.js';
import { sortProperty } from '../../src/store/list-query.js';
import { expectedEntityType, expectedFilter, expectedInput, expectedSortField, handWrittenExtensions, perKindTypes, shapeOf } from './sdl-shapes.js';

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

describe('the SDL and the ontology, the other way round: nothing in the SDL the ontology does not say', () => {
  const kinds = ENTITY_KINDS.map((kind): [EntityKind] => [kind]);

  it.each(kinds)('gives %s exactly its properties, typed by scalar or enum, and its relationship fields', (kind) => {
    expect(shapeOf(schema, kind)).toEqual({ ...expectedEntityType(schema, kind), ...handWrittenExtensions(schema, kind) });
  });

  it('gives the Entity interface exactly the fields every kind shares', () => {
    const { id, kind, name, aliases, description, sources, 'valueProvenance(property: String)': valueProvenance } = expectedEntityType(schema, 'Country');
    expect(shapeOf(schema, 'Entity')).toEqual({ id, kind, name, aliases, description, sources, 'valueProvenance(property: String)': valueProvenance });
  });

  it("lists exactly the ontology's kinds and confidence levels in their enums", () => {
    expect(Object.keys(shapeOf(schema, 'EntityKind')!)).toEqual(ENTITY_KINDS.map(constantCase));
    expect(Object.keys(shapeOf(schema, 'Confidence')!)).toEqual(CONFIDENCE_LEVELS.map((c) => c.toUpperCase()));
  });

  it.each(kinds)('gives %s a filter input with one condition per property and relationship field', (kind) => {
    expect(shapeOf(schema, `${kind}Filter`)).toEqual(expectedFilter(schema, kind));
  });

  it.each(kinds)('gives %s a sort enum of its single-valued properties, each one the store sorts by', (kind) => {
    const values = shapeOf(schema, `${kind}SortField`);
    expect(values).toEqual(expectedSortField(kind));
    for (const value of Object.keys(values ?? {})) expect(() => sortProperty(kind, value), value).not.toThrow();
  });

  it.each(kinds)('gives %s create and update inputs typed like its properties', (kind) => {
    expect(shapeOf(schema, `Create${kind}Input`)).toEqual(expectedInput(schema, kind, true));
    expect(shapeOf(schema, `Update${kind}Input`)).toEqual(expectedInput(schema, kind, false));
  });

  it.each(kinds)('gives %s its relation, edge, connection and order types', (kind) => {
    for (const [name, shape] of Object.entries(perKindTypes(kind))) expect(shapeOf(schema, name), name).toEqual(shape);
  });

  it.each(kinds)('lists %s on Query and creates and updates it on Mutation', (kind) => {
    const lists = Object.entries(shapeOf(schema, 'Query')!).filter(([, type]) => type === `${kind}Connection!`);
    expect(lists.map(([signature]) => signature.replace(/^\w+/, ''))).toEqual([`(first: Int, after: String, filter: ${kind}Filter, orderBy: ${kind}Order)`]);
    const mutation = shapeOf(schema, 'Mutation')!;
    expect(mutation[`create${kind}(input: Create${kind}Input!)`]).toBe('EntityPayload!');
    expect(mutation[`update${kind}(id: ID!, input: Update${kind}Input!)`]).toBe('EntityPayload!');
  });

  it('has no entity type, list or per-kind mutation for a kind the ontology lacks', () => {
    const entityTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Entity'));
    expect(entityTypes.map((t) => t.name).sort()).toEqual([...ENTITY_KINDS].sort());
    const perKind = Object.keys(shapeOf(schema, 'Mutation')!).flatMap((m) => /^(?:create|update)(\w+)\(/.exec(m)?.[1] ?? []);
    expect(new Set(perKind)).toEqual(new Set(ENTITY_KINDS));
  });

  it("carries exactly the ontology's relationship properties on Relationship and RelationshipInput", () => {
    const scalars = { string: 'String', int: 'Int', float: 'Float', boolean: 'Boolean', date: 'Date' } as const;
    const specific = Object.fromEntries(RELATIONSHIP_TYPES.flatMap((r) => r.properties).map((p) => [p.name, scalars[p.type]]));
    const common = COMMON_RELATIONSHIP_PROPERTIES.map((p) => p.name);
    expect(Object.keys(shapeOf(schema, 'Relationship')!).sort()).toEqual(['type', 'direction', 'from', 'to', ...common, ...Object.keys(specific)].sort());
    expect(Object.keys(shapeOf(schema, 'RelationshipInput')!).sort()).toEqual(['type', 'from', 'to', ...common, ...Object.keys(specific)].sort());
    for (const [name, type] of Object.entries(specific)) {
      expect(shapeOf(schema, 'Relationship')![name], `Relationship.${name}`).toBe(type);
      expect(shapeOf(schema, 'RelationshipInput')![name], `RelationshipInput.${name}`).toBe(type);
    }
  });
});
