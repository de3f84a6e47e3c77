import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);

const IDS = ['t-mig-zeta', 't-mig-alpha'];

describe('data migrations', () => {
  it('gives entities written before the name key existed one on the next start, once, and lists them in name order', async () => {
    const { db } = server;
    await db.write(async (tx) => {
      await tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: IDS });
      // Written as before the migration: no nameKey; and the migration marked as not yet applied.
      await tx.run(
        `UNWIND [['t-mig-zeta', 'ZZ Migration Test'], ['t-mig-alpha', 'zz migration alpha']] AS row
         CREATE (:Entity:Company {id: row[0], kind: 'Company', name: row[1], sourceIds: [], aliases: [], roles: []})`,
      );
      await tx.run("MATCH (m:Migration {id: 'entity-name-key'}) DELETE m");
    });
    try {
      await migrate(db);
      const keys = await db.read((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.nameKey AS key ORDER BY id', { ids: IDS }));
      expect(keys).toEqual([
        { id: 't-mig-alpha', key: 'zz migration alpha' },
        { id: 't-mig-zeta', key: 'zz migration test' },
      ]);
      const [marked] = await db.read((tx) => tx.run("MATCH (m:Migration {id: 'entity-name-key'}) RETURN count(m) AS n"));
      expect(marked!.n).toBe(1);

      const data = await server.data<{ companies: { nodes: { id: string }[] } }>(
        `{ companies(first: 5, filter: { name: { startsWith: "zz migration" } }) { nodes { id } } }`,
      );
      expect(data.companies.nodes.map((n) => n.id)).toEqual(['t-mig-alpha', 't-mig-zeta']);

      // Marked as done: a later start leaves a node without a key alone rather than scanning the graph again.
      await db.write((tx) => tx.run("MATCH (n:Entity {id: 't-mig-zeta'}) REMOVE n.nameKey"));
      await migrate(db);
      const [after] = await db.read((tx) => tx.run("MATCH (n:Entity {id: 't-mig-zeta'}) RETURN n.nameKey AS key"));
      expect(after!.key).toBeNull();
    } finally {
      await db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: IDS }));
    }
  });

  it('keeps the name key in step with the name when a mutation creates or renames an entity', async () => {
    const id = 't-mig-write';
    const nameKey = async (): Promise<unknown> => (await server.db.read((tx) => tx.run('MATCH (n:Entity {id: $id}) RETURN n.nameKey AS key', { id })))[0]?.key;
    try {
      await server.data(
        `mutation { createCompany(input: { id: "${id}", name: "Mixed CASE Name", sources: ["src-epoch-notable-models"] }) { errors { message } } }`,
        {},
        asEditor,
      );
      expect(await nameKey()).toBe('mixed case name');
      await server.data(`mutation { updateCompany(id: "${id}", input: { name: "Renamed AGAIN" }) { errors { message } } }`, {}, asEditor);
      expect(await nameKey()).toBe('renamed again');
    } finally {
      await removeEntities(server, [id]);
    }
  });
});
