import {
  COMMON_PROPERTIES,
  COMMON_RELATIONSHIP_PROPERTIES,
  ENTITY_KINDS,
  KIND_PROPERTIES,
  RELATIONSHIP_TYPES,
  type EntityKind,
  type PropertySpec,
  type RelationshipSpec,
} from '../../src/graph/ontology.js';

/**
 * The peer's type definitions: the same ontology in @neo4j/graphql 7's own model: one `@node` type per kind
 * (labels `Kind` and `Entity`, so look-ups by id use the same `Entity.id` unique index as ours), one
 * `@relationship` field per direction, relationship properties as `@relationshipProperties` types, and a union
 * where a relationship may end at several kinds. Enum-valued properties are plain strings, as stored.
 */

const SCALAR: Record<PropertySpec['type'], string> = { string: 'String', int: 'Int', float: 'Float', boolean: 'Boolean', date: 'Date' };
const gqlType = (p: PropertySpec): string => (p.list ? `[${SCALAR[p.type]}!]` : SCALAR[p.type]);
const pascal = (type: string): string => type.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
const propsType = (spec: RelationshipSpec): string => `${pascal(spec.type)}Props`;

function endType(spec: RelationshipSpec, kinds: readonly EntityKind[], side: 'From' | 'To'): string {
  return kinds.length === 1 ? kinds[0]! : `${pascal(spec.type)}${side}`;
}

function relationFields(kind: EntityKind): string[] {
  const lines: string[] = [];
  for (const spec of RELATIONSHIP_TYPES) {
    const args = `type: "${spec.type}", properties: "${propsType(spec)}"`;
    if (spec.from.includes(kind)) {
      const undirected = spec.symmetric ? ', queryDirection: UNDIRECTED' : '';
      lines.push(`  ${spec.outField}: [${endType(spec, spec.to, 'To')}!]! @relationship(${args}, direction: OUT${undirected})`);
    }
    if (spec.to.includes(kind) && !spec.symmetric) {
      lines.push(`  ${spec.inField}: [${endType(spec, spec.from, 'From')}!]! @relationship(${args}, direction: IN)`);
    }
  }
  return lines;
}

function nodeType(kind: EntityKind): string {
  const props = [{ name: 'id', type: 'string' } as PropertySpec, ...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]].map(
    (p) => `  ${p.name}: ${p.name === 'id' ? 'ID!' : p.name === 'name' ? 'String!' : gqlType(p)}`,
  );
  return [`type ${kind} @node(labels: ["${kind}", "Entity"]) {`, ...props, '  kind: String!', '  sourceIds: [String!]', ...relationFields(kind), '}'].join(
    '\n',
  );
}

function relationshipPropsType(spec: RelationshipSpec): string {
  const props = [...COMMON_RELATIONSHIP_PROPERTIES.filter((p) => p.name !== 'sources'), ...spec.properties].map((p) => `  ${p.name}: ${gqlType(p)}`);
  return [`type ${propsType(spec)} @relationshipProperties {`, ...props, '  sourceIds: [String!]', '}'].join('\n');
}

function unions(): string[] {
  const out: string[] = [];
  for (const spec of RELATIONSHIP_TYPES) {
    if (spec.to.length > 1) out.push(`union ${pascal(spec.type)}To = ${spec.to.join(' | ')}`);
    if (spec.from.length > 1) out.push(`union ${pascal(spec.type)}From = ${spec.from.join(' | ')}`);
  }
  return out;
}

/** The SDL handed to `new Neo4jGraphQL({ typeDefs })`. */
export function peerTypeDefs(): string {
  return [...ENTITY_KINDS.map(nodeType), ...RELATIONSHIP_TYPES.map(relationshipPropsType), ...unions()].join('\n\n');
}
