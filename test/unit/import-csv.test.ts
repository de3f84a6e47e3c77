import { describe, expect, it } from 'vitest';
import { ExtraCellsError, mapColumns, parseDate, readCsv, RowReader } from '../../src/ingest/importers/csv-table.js';
import { parseImport } from '../../src/ingest/importers/index.js';
import { normaliseName, slugOf } from '../../src/ingest/importers/draft.js';
import { parseGraphCsv } from '../../src/ingest/importers/graph-csv.js';
import type { UserErrorModel } from '../../src/errors.js';

describe('reading CSV cells', () => {
  it('drops a UTF-8 byte-order mark and keeps commas and newlines inside quoted cells', () => {
    const table = readCsv('\uFEFFModel,Organization\n"GPT-4","OpenAI,Microsoft\nResearch"\n');
    expect(table.header).toEqual(['Model', 'Organization']);
    expect(table.rows).toEqual([
      {
        row: 2,
        cells: new Map([
          ['Model', 'GPT-4'],
          ['Organization', 'OpenAI,Microsoft\nResearch'],
        ]),
      },
    ]);
  });

  it('numbers rows as a spreadsheet does, the header being row 1, even after multi-line cells', () => {
    const table = readCsv('a,b\n1,"x\ny"\n2,3\n');
    expect(table.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('reads numbers in scientific, decimal and currency forms', () => {
    const issues: UserErrorModel[] = [];
    const table = readCsv('a,b,c,d,e\n1.3e+24,12288.0,"$44,489.88",,lots\n');
    const r = new RowReader<'a' | 'b' | 'c' | 'd' | 'e'>(
      table.rows[0]!,
      new Map([
        ['a', 'a'],
        ['b', 'b'],
        ['c', 'c'],
        ['d', 'd'],
        ['e', 'e'],
      ]),
      issues,
    );
    expect([r.number('a'), r.number('b'), r.number('c'), r.number('d')]).toEqual([1.3e24, 12288, 44489.88, null]);
    expect(r.number('e')).toBeNull();
    expect(issues).toEqual([{ code: 'INVALID_VALUE', field: 'rows[2].e', message: 'row 2, column "e": "lots" is not a number' }]);
  });

  it('splits comma-joined multi-valued cells', () => {
    const table = readCsv('Organization\n"Tsinghua University, Zhipu AI ,"\n');
    const r = new RowReader<'org'>(table.rows[0]!, new Map([['org', 'Organization']]), []);
    expect(r.list('org')).toEqual(['Tsinghua University', 'Zhipu AI']);
  });

  it('reads ISO, US month/day/year and timestamped dates, and refuses impossible days', () => {
    expect(parseDate('2025-03-06')).toBe('2025-03-06');
    expect(parseDate('1/28/2018')).toBe('2018-01-28');
    expect(parseDate('2025-10-29 21:55:41+00:00')).toBe('2025-10-29');
    expect(parseDate('2019')).toBe('2019-01-01');
    expect(parseDate('2/30/2024')).toBeNull();
    expect(parseDate('28/1/2018')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });

  it('maps header variants to one column and names the columns it does not know', () => {
    const spec = { name: ['Hardware name', 'Name of the hardware'], tdp: ['TDP (W)'] } as const;
    const { columns, unknown } = mapColumns(['Name of the hardware', 'TDP (W)', 'Notes', 'Mystery'], spec, ['Notes']);
    expect(columns).toEqual(
      new Map([
        ['name', 'Name of the hardware'],
        ['tdp', 'TDP (W)'],
      ]),
    );
    expect(unknown).toEqual(['Mystery']);
  });
});

describe('names and ids', () => {
  it('matches names regardless of case, accents, spaces and punctuation', () => {
    expect(normaliseName('NVIDIA A100 SXM4 80 GB')).toBe(normaliseName('nvidia a100 sxm4 80GB'));
    expect(normaliseName('Jülich')).toBe(normaliseName('JULICH'));
    expect(normaliseName('Qwen2.5-72B')).not.toBe(normaliseName('Qwen2-72B'));
  });

  it('makes slugs that satisfy the id pattern', () => {
    expect(slugOf('Llama 3.1-405B')).toBe('llama-3-1-405b');
    expect(slugOf('PanGu-Σ')).toBe('pangu');
    expect(slugOf('"Jupiter, Jülich"')).toBe('jupiter-julich');
  });
});

describe("the project's CSV format", () => {
  it('turns entity and relationship rows into the graph format, typed by the ontology', () => {
    const table = readCsv(
      [
        'record,id,kind,name,aliases,sources,roles,foundedYear,type,from,to,chipCount,validFrom',
        'entity,acme,Company,Acme,"Acme Inc.; ACME",src-a,AI_LAB;INVESTOR,1999,,,,,',
        'relationship,,,,,src-a;src-b,,,TRAINED_ON,m,c,64,2024-01-01',
      ].join('\n'),
    );
    const draft = parseGraphCsv(table);
    expect(draft.issues).toEqual([]);
    expect(draft.raw).toEqual({
      entities: [
        { id: 'acme', kind: 'Company', name: 'Acme', aliases: ['Acme Inc.', 'ACME'], sources: ['src-a'], roles: ['AI_LAB', 'INVESTOR'], foundedYear: 1999 },
      ],
      relationships: [{ type: 'TRAINED_ON', from: 'm', to: 'c', sources: ['src-a', 'src-b'], validFrom: '2024-01-01', properties: { chipCount: 64 } }],
    });
  });

  it('locates graph-format paths as rows and columns', () => {
    const draft = parseGraphCsv(readCsv('record,id,kind,name,type,from,to,chipCount\nrelationship,,,,TRAINED_ON,m,c,x\nentity,e,Chip,E,,,,\n'));
    expect(draft.locate!('relationships[0].properties.chipCount')).toEqual({ field: 'rows[2].chipCount', label: 'row 2, column "chipCount"' });
    expect(draft.locate!('entities[0].sources[1]')).toEqual({ field: 'rows[3].sources', label: 'row 3, column "sources"' });
  });

  it('refuses unknown columns and rows that are neither entity nor relationship', () => {
    const draft = parseGraphCsv(readCsv('record,id,colour\nthing,x,red\n'));
    expect(draft.issues.map((i) => i.field)).toEqual(['header.colour', 'rows[2].record']);
  });
});

describe('cells beyond the header', () => {
  it('refuses a row with more non-empty cells than the header has columns, naming the row and the column', () => {
    const error = (() => {
      try {
        readCsv('a,b\n1,2\n3,4,5,,6\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ExtraCellsError);
    expect((error as ExtraCellsError).issues).toEqual([
      { code: 'EXTRA_CELL', field: 'rows[3].column3', message: `row 3, column 3: a cell beyond the header's 2 columns ("5"); quote cells that contain commas` },
      { code: 'EXTRA_CELL', field: 'rows[3].column5', message: `row 3, column 5: a cell beyond the header's 2 columns ("6"); quote cells that contain commas` },
    ]);
  });

  it('reads past trailing empty cells, as spreadsheets write them', () => {
    expect(readCsv('a,b\n1,2,,\n').rows.map((r) => [...r.cells])).toEqual([
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ]);
  });

  it.each(['CSV', 'EPOCH_MODELS', 'EPOCH_HARDWARE', 'EPOCH_CLUSTERS', 'AUTO'] as const)('rejects extra cells in a %s import, writing nothing', (format) => {
    const header = {
      CSV: 'record,id,kind,name,sources',
      EPOCH_MODELS: 'Model,Organization,Publication date',
      EPOCH_HARDWARE: 'Hardware name,Manufacturer',
      EPOCH_CLUSTERS: 'Name,Chip type (primary)',
      AUTO: 'Model,Organization',
    }[format];
    const cells = header.split(',').map((_, i) => (i === 0 ? 'entity' : 'x'));
    const { draft } = parseImport(format, `${header}\n${cells.join(',')}\n${cells.join(',')},Acme, Inc.\n`);
    expect(draft.issues.map((i) => [i.code, i.field])).toEqual([
      ['EXTRA_CELL', `rows[3].column${cells.length + 1}`],
      ['EXTRA_CELL', `rows[3].column${cells.length + 2}`],
    ]);
    expect([draft.entities, draft.relationships, draft.raw]).toEqual([[], [], undefined]);
  });
});
