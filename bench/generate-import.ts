import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

/**
 * A deterministic graph CSV (docs/import-export.md) of `rows` data rows for the import benchmark: units of ten rows,
 * three entities (a company, its model, its data center) and seven relationships, four of them to seed entities
 * (chips, countries), so matching, endpoint resolution and hub relationships all get work. Ids start with
 * `prefix`, so files of several sizes import into one database side by side. About 137 bytes a row, as the file
 * of issue 19 (50 MB for 365,632 rows).
 */
export const IMPORT_HEADER =
  'record,id,kind,name,description,sources,roles,foundedYear,releaseDate,parameters,city,powerMw,status,type,from,to,validFrom,confidence,chipCount,notes';

const SOURCE = 'src-company-websites';
const CHIPS = ['nvidia-h100', 'nvidia-a100', 'nvidia-h800', 'nvidia-a800'];
const COUNTRIES = ['united-states', 'china', 'singapore', 'hong-kong'];
const CITIES = ['Austin', 'Shenzhen', 'Jurong', 'Kowloon'];

const date = (k: number): string =>
  `20${String(15 + (k % 10)).padStart(2, '0')}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;

/** The ten rows of unit k (the i-th row of the file is row i % 10 of unit floor(i / 10)). */
export function unitRows(prefix: string, k: number): string[] {
  const co = `${prefix}-co-${k}`;
  const model = `${prefix}-model-${k}`;
  const dc = `${prefix}-dc-${k}`;
  const chip = CHIPS[k % CHIPS.length]!;
  const country = COUNTRIES[k % COUNTRIES.length]!;
  const entity = (id: string, kind: string, name: string, cells: string[]): string =>
    ['entity', id, kind, name, `Synthetic ${kind.toLowerCase()} number ${k} of the import benchmark`, SOURCE, ...cells, '', '', '', '', '', '', ''].join(',');
  const rel = (type: string, from: string, to: string, chipCount = ''): string =>
    ['relationship', '', '', '', '', SOURCE, '', '', '', '', '', '', '', type, from, to, date(k), 'medium', chipCount, `bench ${k}`].join(',');
  return [
    entity(co, 'Company', `Importco ${prefix} ${k}`, ['AI_LAB', String(1990 + (k % 30)), '', '', '', '', '']),
    entity(model, 'Model', `Importmodel ${prefix} ${k}`, ['', '', date(k), String(1e9 * (1 + (k % 70))), '', '', '']),
    entity(dc, 'DataCenter', `Importsite ${prefix} ${k}`, ['', '', '', '', CITIES[k % CITIES.length]!, String(10 + (k % 90)), 'OPERATIONAL']),
    rel('DEVELOPS', co, model),
    rel('TRAINED_ON', model, chip, String(1024 * (1 + (k % 8)))),
    rel('TRAINED_AT', model, dc),
    rel('OPERATES', co, dc),
    rel('LOCATED_IN', dc, country),
    rel('HEADQUARTERED_IN', co, country),
    rel('EQUIPPED_WITH', dc, chip, String(512 * (1 + (k % 16)))),
  ];
}

/** Writes a file of `rows` data rows (streamed, so 10^6 rows take no more memory than 10). */
export async function writeImportFile(file: string, rows: number, prefix: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${IMPORT_HEADER}\n`);
  for (let i = 0; i < rows; i += 10) {
    const lines = unitRows(prefix, i / 10).slice(0, rows - i);
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rows: { type: 'string', default: '1e4' }, prefix: { type: 'string', default: 'imp' } },
  });
  if (positionals.length !== 1) throw new Error('Usage: tsx bench/generate-import.ts <file> [--rows 1e4] [--prefix imp]');
  await writeImportFile(positionals[0]!, Number(values.rows), values.prefix!);
}
