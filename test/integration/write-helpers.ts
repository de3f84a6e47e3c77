import { recomputeDerivedRestrictions } from '../../src/store/derived-restrictions.js';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { relationshipSpec } from '../../src/graph/ontology.js';
import { entityUpdateProps, relUpdateProps } from '../../src/store/graph-records.js';
import type { TestServer } from './harness.js';

export const API_KEY = 'test-editor-key-0123456789';
export const JWT_SECRET = 'test-jwt-secret-0123456789-0123456789-abcdef';

/** Server settings for write tests: one API key, a JWT secret, a write rate limit tests never reach, a public audit trail. */
export const WRITE_ENV = { API_KEYS: API_KEY, JWT_SECRET, WRITE_RATE_LIMIT_PER_MIN: '100000', AUDIT_VISIBILITY: 'public' };

export const asEditor = { 'x-api-key': API_KEY };

/** A signed HS256 token with these roles (and optionally another secret or an expiry in the past). */
export async function jwt(roles: string[], options: { secret?: string; expired?: boolean; sub?: string } = {}): Promise<string> {
  const token = new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub ?? 'alice')
    .setIssuedAt();
  token.setExpirationTime(options.expired ? Math.floor(Date.now() / 1000) - 60 : '10m');
  return token.sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}

/** A prefix unique to this test run, so test ids never collide with seed data or other runs. */
export const uniquePrefix = (label: string): string => `t-${label}-${randomBytes(4).toString('hex')}`;

/** Removes exactly these entities (with their relationships) and every audit record about them. */
export async function removeEntities(server: TestServer, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await server.db.write(
    async (tx) => {
      await tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids });
      await tx.run('MATCH (c:Change) WHERE c.entityId IN $ids OR c.relatedEntityId IN $ids DELETE c', { ids });
    },
    { timeoutMs: 120_000 },
  );
}

/** Which part of the graph a test looks at: ids with its prefix, plus any seed ids its writes could touch. */
export interface Scope {
  readonly prefix: string;
  readonly ids?: readonly string[];
}

/**
 * Every entity in scope with its properties, every relationship touching one, and the audit records about
 * them: what a refused write must leave exactly as it was. Scoped, so other test files writing their own data
 * at the same time do not disturb the comparison.
 */
export async function snapshot(server: TestServer, scope: Scope): Promise<{ entities: string; relationships: string; changes: number }> {
  const params = { prefix: scope.prefix, ids: scope.ids ?? [] };
  const inScope = (v: string): string => `(${v}.id STARTS WITH $prefix OR ${v}.id IN $ids)`;
  return server.db.read(
    async (tx) => {
      const nodes = await tx.run(`MATCH (n:Entity) WHERE ${inScope('n')} RETURN n.id AS id, properties(n) AS p ORDER BY id`, params);
      const rels = await tx.run(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE ${inScope('a')} OR ${inScope('b')} RETURN a.id + "|" + type(r) + "|" + b.id AS k, properties(r) AS p ORDER BY k`,
        params,
      );
      const [changes] = await tx.run(
        'MATCH (c:Change) WHERE c.entityId STARTS WITH $prefix OR c.entityId IN $ids OR c.relatedEntityId STARTS WITH $prefix OR c.relatedEntityId IN $ids RETURN count(c) AS n',
        params,
      );
      const sorted = (p: unknown): [string, unknown][] => Object.entries(p as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
      return {
        entities: JSON.stringify(nodes.map((r) => [r.id, sorted(r.p)])),
        relationships: JSON.stringify(rels.map((r) => [r.k, sorted(r.p)])),
        changes: changes!.n as number,
      };
    },
    { timeoutMs: 120_000 },
  );
}

/**
 * Undoes every change recorded under `actor`, newest first, from the audit trail's before/after records, then
 * removes those audit records: how tests that import into the seeded graph put it back.
 */
export async function revertChangesBy(server: TestServer, actor: string): Promise<void> {
  await server.db.write(
    async (tx) => {
      const rows = (await tx.run('MATCH (c:Change {actor: $actor}) RETURN c ORDER BY c.at DESC, c.seq DESC', { actor })) as {
        c: {
          operation: string;
          entityId: string;
          relatedEntityId: string | null;
          relationshipType: string | null;
          before: string | null;
          after: string | null;
        };
      }[];
      for (const { c } of rows) {
        const before = c.before ? JSON.parse(c.before) : null;
        const after = c.after ? JSON.parse(c.after) : null;
        if (c.operation === 'CREATE_ENTITY') await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: c.entityId });
        else if (c.operation === 'UPDATE_ENTITY')
          await tx.run('MATCH (n:Entity {id: $id}) SET n += $props', { id: c.entityId, props: entityUpdateProps(after, before) });
        else if (!relationshipSpec(c.relationshipType ?? '')) throw new Error(`unknown relationship type in audit: ${c.relationshipType}`);
        else if (c.operation === 'CREATE_RELATIONSHIP')
          await tx.run(`MATCH (:Entity {id: $from})-[r:${c.relationshipType}]->(:Entity {id: $to}) DELETE r`, { from: c.entityId, to: c.relatedEntityId });
        else if (c.operation === 'UPDATE_RELATIONSHIP')
          await tx.run(`MATCH (:Entity {id: $from})-[r:${c.relationshipType}]->(:Entity {id: $to}) SET r += $props`, {
            from: c.entityId,
            to: c.relatedEntityId,
            props: relUpdateProps(after, before),
          });
        else throw new Error(`revertChangesBy cannot undo ${c.operation}`);
      }
      await tx.run('MATCH (c:Change {actor: $actor}) DELETE c', { actor });
      // Derived restrictions follow the chips' specs, as after any write: recompute those of the chips touched.
      const ids = rows.flatMap(({ c }) => [c.entityId, c.relatedEntityId]).filter((id): id is string => id !== null);
      const chips = await tx.run('MATCH (n:Entity:Chip) WHERE n.id IN $ids RETURN collect(n.id) AS ids', { ids });
      await recomputeDerivedRestrictions(tx, chips[0]!.ids as string[]);
    },
    { timeoutMs: 120_000 },
  );
}
