import { dbDate } from '../../src/db/mapping.js';
import type { TestServer } from './harness.js';
import { removeEntities, uniquePrefix } from './write-helpers.js';

type Props = Record<string, string | number | boolean | null>;

/**
 * A small graph for the aggregate tests under one unique prefix: two countries, three companies, three chips,
 * four data centers and three models, with the properties and relationship counts the tests sum by hand. Dates
 * are stored as Neo4j dates, as the write store stores them.
 */
export async function aggregateGraph(server: TestServer): Promise<{ prefix: string; id: (name: string) => string; remove: () => Promise<void> }> {
  const prefix = uniquePrefix('agg');
  const id = (name: string): string => `${prefix}-${name}`;
  const nodes: [string, string, Props][] = [
    ['land-a', 'Country', { isoCode: 'XA' }],
    ['land-b', 'Country', { isoCode: 'XB' }],
    ['designer', 'Company', { foundedYear: 1993 }],
    ['lab-a', 'Company', { foundedYear: 2015 }],
    ['lab-b', 'Company', { foundedYear: 2021 }],
    ['chip-1', 'Chip', { vendor: 'V1', memoryGb: 80, releaseDate: '2023-03-21' }],
    ['chip-2', 'Chip', { vendor: 'V1', memoryGb: 141, releaseDate: '2023-11-13' }],
    ['chip-3', 'Chip', { vendor: 'V2', releaseDate: '2024-08-01' }],
    ['dc-1', 'DataCenter', { powerMw: 100, status: 'OPERATIONAL' }],
    ['dc-2', 'DataCenter', { powerMw: 50, status: 'OPERATIONAL' }],
    ['dc-3', 'DataCenter', { powerMw: 300, status: 'PLANNED' }],
    ['dc-4', 'DataCenter', {}],
    ['model-1', 'Model', {}],
    ['model-2', 'Model', {}],
    ['model-3', 'Model', {}],
  ];
  const rels: [string, string, string, Props][] = [
    ['designer', 'HEADQUARTERED_IN', 'land-a', {}],
    ['lab-a', 'HEADQUARTERED_IN', 'land-a', {}],
    ['lab-b', 'HEADQUARTERED_IN', 'land-b', {}],
    ['designer', 'DESIGNS', 'chip-1', {}],
    ['designer', 'DESIGNS', 'chip-2', {}],
    // chip-3 has no memoryGb: lab-b's only chip fails an All condition on it.
    ['lab-b', 'DESIGNS', 'chip-3', {}],
    ['dc-1', 'LOCATED_IN', 'land-a', {}],
    ['dc-2', 'LOCATED_IN', 'land-a', {}],
    ['dc-3', 'LOCATED_IN', 'land-b', {}],
    ['dc-1', 'EQUIPPED_WITH', 'chip-1', { chipCount: 1000 }],
    ['dc-1', 'EQUIPPED_WITH', 'chip-2', { chipCount: 500 }],
    ['dc-2', 'EQUIPPED_WITH', 'chip-1', { chipCount: 2000 }],
    ['dc-3', 'EQUIPPED_WITH', 'chip-2', { chipCount: 100, validTo: '2024-01-01' }],
    // model-1 has two developers in land-a and one in land-b: it must count once per country.
    ['lab-a', 'DEVELOPS', 'model-1', {}],
    ['designer', 'DEVELOPS', 'model-1', {}],
    ['lab-b', 'DEVELOPS', 'model-1', {}],
    ['lab-a', 'DEVELOPS', 'model-2', {}],
    ['designer', 'DEVELOPS', 'model-3', {}],
  ];
  const asDb = (props: Props): Props =>
    Object.fromEntries(Object.entries(props).map(([k, v]) => [k, /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? (dbDate(String(v)) as never) : v]));
  await server.db.write(async (tx) => {
    for (const [name, kind, props] of nodes) {
      await tx.run(`CREATE (n:Entity:${kind} {id: $id, kind: $kind, name: $id, nameKey: $id, sourceIds: [], aliases: []}) SET n += $props`, {
        id: id(name),
        kind,
        props: asDb(props),
      });
    }
    for (const [from, type, to, props] of rels) {
      await tx.run(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) CREATE (a)-[r:${type} {sourceIds: [], confidence: 'high'}]->(b) SET r += $props`, {
        from: id(from),
        to: id(to),
        props: asDb(props),
      });
    }
  });
  return {
    prefix,
    id,
    remove: () =>
      removeEntities(
        server,
        nodes.map(([name]) => id(name)),
      ),
  };
}
