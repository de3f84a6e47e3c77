import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImport, runImport } from '../../src/ingest/importers/index.js';
import { readCsv } from '../../src/ingest/importers/csv-table.js';
import { rederiveIfRulesChanged } from '../../src/store/rules-version.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, revertChangesBy, uniquePrefix, WRITE_ENV } from './write-helpers.js';

// Generous transaction timeout: the first run of each analysis query plans it, slow on a busy CI machine.
const server = useTestServer({ ...WRITE_ENV, ANALYSIS_TX_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000' });
const p = uniquePrefix('derived');
const made: string[] = [];
const actors: string[] = [];

afterAll(async () => {
  for (const actor of actors.reverse()) await revertChangesBy(server, actor);
  // Also drops the audit records of the actor `rules` about these entities.
  await removeEntities(server, made);
});

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csv = (header: string[], rows: string[][]): string => [header, ...rows].map((r) => r.map(quote).join(',')).join('\n');

/** Epoch's A100 PCIe row from the 2026-07 file under a name of this test, with or without the TPP column. */
function a100Table(name: string, withTpp: boolean): string {
  const table = readCsv(readFileSync(new URL('../fixtures/epoch/ml_hardware_2026-07.csv', import.meta.url), 'utf8'));
  const row = table.rows.find((r) => r.cells.get('Hardware name') === 'NVIDIA A100 PCIe')!;
  const header = table.header.filter((h) => withTpp || h !== 'Total processing performance (bit-OP/s)');
  return csv(header, [header.map((h) => (h === 'Hardware name' ? name : (row.cells.get(h) ?? '')))]);
}

const CLUSTER_HEADER = ['Name', 'Status', 'Certainty', 'Country', 'Owner', 'First Operational Date', 'Chip type (primary)', 'Chip quantity (primary)'];

async function importText(format: 'EPOCH_HARDWARE' | 'EPOCH_CLUSTERS', text: string): Promise<void> {
  const actor = `test:${uniquePrefix('derived-import')}`;
  actors.push(actor);
  const result = await runImport(server.db, actor, parseImport(format, text).draft);
  expect(result.errors).toEqual([]);
  made.push(...result.report!.createdIds);
}

const idNamed = async (name: string): Promise<string> => {
  const [row] = await server.db.read((tx) => tx.run('MATCH (n:Entity) WHERE n.name = $name RETURN n.id AS id', { name }));
  return row!.id as string;
};

interface Route {
  chip: { id: string };
  classification: string;
  restrictions: { regulation: { id: string }; basis: string; derivation: { paragraph: string | null; criterion: string; evidence: string[] } | null }[];
  undetermined: { regulationId: string; regulation: { id: string } | null; missing: string[] }[];
}
const ACCESS = `query ($co: ID!, $asOf: Date) { computeAccess(company: $co, asOf: $asOf) { routes { chip { id } classification
  restrictions { regulation { id } basis derivation { paragraph criterion evidence } }
  undetermined { regulationId regulation { id } missing } } } }`;

describe('derived restrictions on imported data', () => {
  const a100 = `${p} NVIDIA A100 PCIe`;
  const a100NoTpp = `${p} NVIDIA A100 PCIe (no TPP column)`;
  const bare = `${p} Unnamed accelerator`;
  const owner = `${p} Owner`;

  it('gives a data center in China equipped with imported A100 PCIe cards a RESTRICTED_DOMESTIC route, derived from TPP', async () => {
    await importText('EPOCH_HARDWARE', a100Table(a100, true));
    await importText('EPOCH_HARDWARE', a100Table(a100NoTpp, false));
    const rows = [a100, a100NoTpp, bare].map((chip, i) => [`${p} Beijing ${i}`, 'Existing', 'Confirmed', 'China', owner, '2024-01-01', chip, '1000']);
    await importText('EPOCH_CLUSTERS', csv(CLUSTER_HEADER, rows));
    const co = await idNamed(owner);
    await server.db.write((tx) =>
      tx.run('MATCH (co:Entity {id: $co}), (cn:Entity {id: "china"}) CREATE (co)-[:HEADQUARTERED_IN {sourceIds: []}]->(cn)', { co }),
    );

    const routes = (await server.data<{ computeAccess: { routes: Route[] } }>(ACCESS, { co, asOf: '2025-06-01' })).computeAccess.routes;
    for (const name of [a100, a100NoTpp]) {
      const chip = await idNamed(name);
      const route = routes.find((r) => r.chip.id === chip)!;
      expect(route.classification).toBe('RESTRICTED_DOMESTIC');
      expect(route.restrictions).toContainEqual({
        regulation: { id: 'bis-2023-10-17-ac-s-ifr' },
        basis: 'DERIVED',
        derivation: { paragraph: '3A090.a', criterion: '3A090.a.1: TPP ≥ 4,800', evidence: ['TPP 4,992 ≥ 4,800'] },
      });
      expect(route.undetermined).toEqual([]);
    }
  });

  it('stores the TPP it derives from the dense throughputs when the file has no TPP column, and the die area', async () => {
    const chip = await server.data<{ entity: { tpp: number; dieAreaMm2: number } }>(
      `{ entity(id: "${await idNamed(a100NoTpp)}") { ... on Chip { tpp dieAreaMm2 } } }`,
    );
    expect(chip.entity).toEqual({ tpp: 4992, dieAreaMm2: 826 });
  });

  it('classifies a route to a chip without specs as UNKNOWN, naming the rule and the missing inputs', async () => {
    const bareId = await idNamed(bare);
    const routes = (await server.data<{ computeAccess: { routes: Route[] } }>(ACCESS, { co: await idNamed(owner), asOf: '2025-06-01' })).computeAccess.routes;
    const route = routes.find((r) => r.chip.id === bareId)!;
    expect(route.classification).toBe('UNKNOWN');
    expect(route.restrictions).toEqual([]);
    const oct2023 = route.undetermined.find((u) => u.regulationId === 'bis-2023-10-17-ac-s-ifr')!;
    expect(oct2023.regulation).toEqual({ id: 'bis-2023-10-17-ac-s-ifr' });
    expect(oct2023.missing).toContain('tpp (or dense throughput per precision)');
  });

  it('shows the derived restriction in whoUses, the restrictedBy filter and the timeline, with its basis', async () => {
    const chip = await idNamed(a100);
    const who = await server.data<{ whoUses: { restrictions: { regulation: { id: string }; basis: string }[] } }>(
      `{ whoUses(chip: "${chip}", asOf: "2025-06-01") { restrictions { regulation { id } basis } } }`,
    );
    expect(who.whoUses.restrictions).toContainEqual({ regulation: { id: 'bis-2023-10-17-ac-s-ifr' }, basis: 'DERIVED' });
    const list = await server.data<{ chips: { nodes: { id: string }[] } }>(
      `{ chips(filter: { name: { startsWith: "${p}" }, restrictedBy: { in: ["bis-2023-10-17-ac-s-ifr"] } }, first: 10) { nodes { id } } }`,
    );
    expect(list.chips.nodes.map((n) => n.id).sort()).toEqual([chip, await idNamed(a100NoTpp)].sort());
    const events = await server.data<{ timeline: { events: { date: string; kind: string; other: { id: string } | null }[] } }>(
      `{ timeline(id: "${chip}") { events { date kind other { id } } } }`,
    );
    expect(events.timeline.events).toContainEqual({ date: '2023-11-17', kind: 'RELATIONSHIP_STARTED', other: { id: 'bis-2023-10-17-ac-s-ifr' } });
  });
});

describe('derived restrictions on writes to a chip', () => {
  const id = `${p}-written`;
  const RESTRICTED_BY = `{ entity(id: "${id}") { ... on Chip { restrictedBy { node { id } relationship { basis criterion evidence validFrom sources { id } } } } } }`;
  type Restricted = { entity: { restrictedBy: { node: { id: string }; relationship: Record<string, unknown> }[] } };
  const mutate = async (query: string): Promise<void> => {
    const data = await server.data<Record<string, { errors: unknown[] }>>(query, {}, asEditor);
    expect(Object.values(data)[0]!.errors).toEqual([]);
  };

  it('derives, updates and removes the restriction in the same transaction as the chip write, audited as the actor rules', async () => {
    made.push(id);
    await mutate(`mutation { createChip(input: { id: "${id}", name: "${p} written", sources: ["src-epoch-ml-hardware"], tpp: 1000 }) { errors { code } } }`);
    expect((await server.data<Restricted>(RESTRICTED_BY)).entity.restrictedBy).toEqual([]);
    await mutate(`mutation { updateChip(id: "${id}", input: { tpp: 16000, releaseDate: "2024-03-01" }) { errors { code } } }`);
    const restricted = (await server.data<Restricted>(RESTRICTED_BY)).entity.restrictedBy;
    expect(restricted.map((r) => r.node.id)).toEqual(['bis-2023-10-17-ac-s-ifr']);
    expect(restricted[0]!.relationship).toMatchObject({
      basis: 'DERIVED',
      criterion: '3A090.a.1: TPP ≥ 4,800',
      evidence: 'TPP 16,000 ≥ 4,800',
      validFrom: '2024-03-01',
    });
    const trail = await server.data<{ changes: { edges: { node: { actor: string; operation: string } }[] } }>(
      `{ changes(entity: "bis-2023-10-17-ac-s-ifr", first: 100) { edges { node { actor operation relatedEntityId } } } }`,
    );
    expect(trail.changes.edges.map((e) => e.node)).toContainEqual({ actor: 'rules', operation: 'CREATE_RELATIONSHIP', relatedEntityId: id });
    await mutate(`mutation { updateChip(id: "${id}", input: { tpp: 1000 }) { errors { code } } }`);
    expect((await server.data<Restricted>(RESTRICTED_BY)).entity.restrictedBy).toEqual([]);
  });

  it('deletes a chip without cascade although the rules restrict it, and its derived restrictions with it', async () => {
    const chip = `${p}-deleted`;
    made.push(chip);
    await mutate(`mutation { createChip(input: { id: "${chip}", name: "${p} deleted", sources: ["src-epoch-ml-hardware"], tpp: 16000 }) { errors { code } } }`);
    const count = async (): Promise<unknown> =>
      (await server.db.read((tx) => tx.run('MATCH (:Entity:Regulation)-[r:RESTRICTS]->(:Entity {id: $chip}) RETURN count(r) AS n', { chip })))[0]!.n;
    expect(await count()).toBe(1);
    await mutate(`mutation { deleteEntity(id: "${chip}") { errors { code } } }`);
    expect(await count()).toBe(0);
  });

  it('never overwrites an asserted restriction, and reports where the assertion and the derivation disagree', async () => {
    const chip = `${p}-asserted`;
    made.push(chip);
    await mutate(
      `mutation { createChip(input: { id: "${chip}", name: "${p} asserted", sources: ["src-epoch-ml-hardware"], tpp: 16000, releaseDate: "2024-03-01" }) { errors { code } } }`,
    );
    await mutate(
      `mutation { assertRelationship(input: { type: RESTRICTS, from: "bis-2023-10-17-ac-s-ifr", to: "${chip}", sources: ["src-epoch-ml-hardware"], validFrom: "2024-06-01" }) { errors { code } } }`,
    );
    const q = `{ entity(id: "${chip}") { ... on Chip { restrictedBy { relationship { basis criterion validFrom } } } } }`;
    expect((await server.data<{ entity: { restrictedBy: unknown[] } }>(q)).entity.restrictedBy).toEqual([
      { relationship: { basis: null, criterion: null, validFrom: '2024-06-01' } },
    ]);
    await mutate(`mutation { updateChip(id: "${chip}", input: { tpp: 20000 }) { errors { code } } }`);
    expect((await server.data<{ entity: { restrictedBy: unknown[] } }>(q)).entity.restrictedBy).toEqual([
      { relationship: { basis: null, criterion: null, validFrom: '2024-06-01' } },
    ]);

    const found = await server.data<{
      controlDiscrepancies: { kind: string; chip: { id: string }; regulation: { id: string }; asserted: unknown; derived: unknown }[];
    }>(
      `{ controlDiscrepancies(asOf: "2025-06-01") { kind chip { id } regulation { id } asserted { validFrom validTo sources { id } } derived { paragraph criterion evidence validFrom validTo } } }`,
    );
    expect(found.controlDiscrepancies.filter((d) => d.chip.id === chip)).toEqual([
      {
        kind: 'DIFFERENT_DATES',
        chip: { id: chip },
        regulation: { id: 'bis-2023-10-17-ac-s-ifr' },
        asserted: { validFrom: '2024-06-01', validTo: null, sources: [{ id: 'src-epoch-ml-hardware' }] },
        derived: { paragraph: '3A090.a', criterion: '3A090.a.1: TPP ≥ 4,800', evidence: ['TPP 20,000 ≥ 4,800'], validFrom: '2024-03-01', validTo: null },
      },
    ]);
    const afterWrite = async (tpp: number): Promise<{ kind: string; derived: unknown; missing: string[] }[]> => {
      await mutate(`mutation { updateChip(id: "${chip}", input: { tpp: ${tpp} }) { errors { code } } }`);
      const data = await server.data<{ controlDiscrepancies: { kind: string; chip: { id: string }; derived: unknown; missing: string[] }[] }>(
        `{ controlDiscrepancies(asOf: "2025-06-01") { kind chip { id } derived { criterion } missing } }`,
      );
      return data.controlDiscrepancies.filter((d) => d.chip.id === chip).map(({ kind, derived, missing }) => ({ kind, derived, missing }));
    };
    expect(await afterWrite(100)).toEqual([{ kind: 'ASSERTED_NOT_DERIVED', derived: null, missing: [] }]);
    const undecided = await afterWrite(2000);
    expect(undecided).toMatchObject([{ kind: 'ASSERTED_UNDECIDED', derived: null }]);
    expect(undecided[0]!.missing).toContain('dieAreaMm2');
  });
});

describe('derived restrictions when the rules change', () => {
  const chip = `${p}-rules-changed`;
  const derivedCount = async (): Promise<unknown> =>
    (
      await server.db.read((tx) => tx.run("MATCH (:Entity:Regulation)-[r:RESTRICTS {basis: 'DERIVED'}]->(:Entity {id: $chip}) RETURN count(r) AS n", { chip }))
    )[0]!.n;

  it('redoes every chip’s derivation once when the recorded rules version is another, then does nothing', async () => {
    made.push(chip);
    const created = await server.data<{ createChip: { errors: unknown[] } }>(
      `mutation { createChip(input: { id: "${chip}", name: "${p} rules changed", sources: ["src-epoch-ml-hardware"], tpp: 16000, releaseDate: "2024-03-01" }) { errors { code } } }`,
      {},
      asEditor,
    );
    expect(created.createChip.errors).toEqual([]);
    expect(await derivedCount()).toBe(1);
    // As if older rules had made the stored derivations: this chip's is missing, and another version is recorded.
    await server.db.write((tx) => tx.run("MATCH (:Entity:Regulation)-[r:RESTRICTS {basis: 'DERIVED'}]->(:Entity {id: $chip}) DELETE r", { chip }));
    await server.db.write((tx) => tx.run("MERGE (m:RulesApplied {id: 'derived'}) SET m.version = 'older-rules'"));
    const chips = (await server.db.read((tx) => tx.run('MATCH (c:Entity:Chip) RETURN count(c) AS n')))[0]!.n as number;

    const redone = await rederiveIfRulesChanged(server.db);
    expect(redone?.chips).toBeGreaterThanOrEqual(chips);
    expect(redone?.changed).toBeGreaterThanOrEqual(1);
    expect(await derivedCount()).toBe(1);
    expect(await rederiveIfRulesChanged(server.db)).toBeNull();
  });
});
