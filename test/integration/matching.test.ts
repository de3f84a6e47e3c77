import { afterAll, describe, expect, it } from 'vitest';
import { parseImport, runImport } from '../../src/ingest/importers/index.js';
import { useTestServer } from './harness.js';
import { removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const runs: string[] = [];
const created: string[] = [];

afterAll(async () => {
  await removeEntities(server, created);
  await server.db.write((tx) => tx.run('MATCH (run:ImportRun) WHERE run.id IN $runs DELETE run', { runs }));
});

interface Result {
  index: number;
  name: string;
  decision: string;
  candidates: { id: string; score: number; features: string[]; reason: string; entity: { id: string; kind: string } | null }[];
}

const MATCH = `query ($records: [MatchRecordInput!]!) {
  match(records: $records) { index name decision candidates { id score features reason entity { id kind } } }
}`;

const match = async (records: Record<string, unknown>[]): Promise<Result[]> => (await server.data<{ match: Result[] }>(MATCH, { records })).match;

describe('the match query', () => {
  it('resolves a company by its legal name and country, saying which features matched and why', async () => {
    const [result] = await match([{ name: 'Huawei Technologies Co., Ltd.', kind: 'COMPANY', country: 'China' }]);
    expect(result).toMatchObject({ index: 0, decision: 'MATCH' });
    expect(result!.candidates[0]).toMatchObject({ id: 'huawei', features: ['alias', 'country'], entity: { id: 'huawei', kind: 'COMPANY' } });
    expect(result!.candidates[0]!.reason).toContain('both in China');
  });

  it('sends a name that matches but a country that does not to review, with the mismatch named', async () => {
    const [result] = await match([{ name: 'Semiconductor Manufacturing International Corp.', kind: 'COMPANY', country: 'united-states' }]);
    expect(result!.decision).toBe('REVIEW');
    expect(result!.candidates[0]).toMatchObject({ id: 'smic', features: ['alias', 'country mismatch'] });
    expect(result!.candidates[0]!.score).toBeLessThan(0.9);
  });

  it('matches within the kind asked for, and across kinds when none is given', async () => {
    const [chip, anyKind, none] = await match([{ name: 'A100 PCIe', kind: 'CHIP' }, { name: 'Alibaba' }, { name: 'Alibaba', kind: 'CHIP' }]);
    expect(chip!.candidates[0]).toMatchObject({ id: 'nvidia-a100-pcie', entity: { kind: 'CHIP' } });
    expect(anyKind).toMatchObject({ index: 1, decision: 'MATCH' });
    // The company first, then what bears its name (a subsidiary, a data center) below the score for a match.
    expect(anyKind!.candidates.map((c) => [c.id, c.entity?.kind])).toEqual([
      ['alibaba', 'COMPANY'],
      ['alibaba-cloud', 'COMPANY'],
      ['alibaba-cloud-singapore', 'DATA_CENTER'],
    ]);
    expect(none).toMatchObject({ index: 2, decision: 'NONE', candidates: [] });
  });

  it('puts an identifier the record gives ahead of any name, and ignores an id of another kind', async () => {
    const [byId, otherKind] = await match([
      { name: 'HiSilicon', id: 'huawei' },
      { name: 'Nothing alike', kind: 'CHIP', id: 'huawei' },
    ]);
    expect(byId!.decision).toBe('MATCH');
    expect(byId!.candidates[0]).toMatchObject({ id: 'huawei', score: 1.5, features: ['identifier'] });
    expect(byId!.candidates.map((c) => c.id)).toContain('hisilicon');
    expect(otherKind).toMatchObject({ decision: 'NONE', candidates: [] });
  });

  it('refuses more than 100 records, a blank name and an over-long alias, naming the record', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `n${i}` }));
    const cases: [Record<string, unknown>[], string][] = [
      [many, 'records'],
      [[{ name: 'ok' }, { name: '  ' }], 'records[1].name'],
      [[{ name: 'ok', aliases: ['fine', 'x'.repeat(301)] }], 'records[0].aliases[1]'],
    ];
    for (const [records, argument] of cases) {
      const response = await server.gql(MATCH, { records });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});

describe('reviewing an import', () => {
  it("returns a published import with the records it matched uncertainly, each candidate's entity resolved", async () => {
    const prefix = uniquePrefix('review');
    const id = `${prefix}-device`;
    created.push(id);
    const { draft } = parseImport('CSV', `record,id,kind,name,sources\nentity,${id},Company,Huawei Device Co. ${prefix},src-company-websites`);
    // A screening list's refine step as the importer runs it: the record kept as its own entity, listed for review.
    const candidate = { id: 'huawei', name: 'Huawei', score: 0.5, features: ['distinctive words'], reason: 'its name holds "huawei"' };
    const reviewed = { ...draft, refine: () => ({ draft, review: [{ at: 'row 2', name: 'Huawei Device Co.', importedAs: id, candidates: [candidate] }] }) };
    const result = await runImport(server.db, 'test:review', reviewed);
    expect(result.errors).toEqual([]);
    const importId = result.report!.importId!;
    runs.push(importId);

    const data = await server.data<{ importRun: unknown; importRuns: { id: string }[] }>(
      `query ($id: ID!) {
        importRun(id: $id) { id actor records changes matchCandidates { at name importedAs candidates { id name score features reason entity { id } } } }
        importRuns(first: 100, withCandidates: true) { id }
      }`,
      { id: importId },
    );
    expect(data.importRun).toEqual({
      id: importId,
      actor: 'test:review',
      records: 1,
      changes: 1,
      matchCandidates: [{ at: 'row 2', name: 'Huawei Device Co.', importedAs: id, candidates: [{ ...candidate, entity: { id: 'huawei' } }] }],
    });
    expect(data.importRuns.map((r) => r.id)).toContain(importId);
  });

  it('answers null for an import id that was never published', async () => {
    const data = await server.data<{ importRun: unknown }>('{ importRun(id: "no-such-import") { id } }');
    expect(data.importRun).toBeNull();
  });
});
