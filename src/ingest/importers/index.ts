import { canonicalise } from './canonical-names.js';
import { parseAwsRegions, parseGcpRegions } from './cloud-regions.js';
import { ExtraCellsError, readCsv, type CsvTable } from './csv-table.js';
import { unreadable, type Draft } from './draft.js';
import { parseEpochClusters } from './epoch-clusters.js';
import { parseEpochDataCenters } from './epoch-data-centers.js';
import { parseEpochHardware } from './epoch-hardware.js';
import { parseEpochModels } from './epoch-models.js';
import { parseEpochTimelines } from './epoch-timelines.js';
import { parseGraphCsv } from './graph-csv.js';
import { parseGraphJson } from './graph-json.js';
import { parseScreeningList } from './screening-list.js';
import { parseFederalRegister } from './federal-register.js';
import { parseTop500 } from './top500.js';
import { SCREENING_LIST_FORMATS, screeningListById, screeningListOf, type ScreeningListFormat } from './screening-lists.js';

const TABLE_FORMATS = [
  'JSON',
  'CSV',
  'EPOCH_MODELS',
  'EPOCH_HARDWARE',
  'EPOCH_CLUSTERS',
  'EPOCH_DATA_CENTERS',
  'EPOCH_DATA_CENTER_TIMELINES',
  'AWS_GPU_REGIONS',
  'GCP_GPU_REGIONS',
  'TOP500',
  'FEDERAL_REGISTER',
] as const;
export const IMPORT_FORMATS = [...TABLE_FORMATS, ...SCREENING_LIST_FORMATS] as const;
export type ImportFormat = (typeof TABLE_FORMATS)[number] | ScreeningListFormat;
type CsvFormat = Exclude<(typeof TABLE_FORMATS)[number], 'JSON'>;

const CSV_PARSERS: Record<CsvFormat, (table: CsvTable) => Draft> = {
  CSV: parseGraphCsv,
  EPOCH_MODELS: parseEpochModels,
  EPOCH_HARDWARE: parseEpochHardware,
  EPOCH_CLUSTERS: parseEpochClusters,
  EPOCH_DATA_CENTERS: parseEpochDataCenters,
  EPOCH_DATA_CENTER_TIMELINES: parseEpochTimelines,
  AWS_GPU_REGIONS: parseAwsRegions,
  GCP_GPU_REGIONS: parseGcpRegions,
  TOP500: parseTop500,
  FEDERAL_REGISTER: parseFederalRegister,
};

/** Guesses a CSV's format from its header: the Epoch tables and cloud listings by their columns, else the project's CSV. */
export function detectCsvFormat(header: readonly string[]): CsvFormat {
  const has = (name: string): boolean => header.some((h) => h.toLowerCase() === name.toLowerCase());
  if ((has('Model') || has('System')) && has('Organization')) return 'EPOCH_MODELS';
  if (has('Hardware name') || has('Name of the hardware')) return 'EPOCH_HARDWARE';
  if (has('Name') && has('Chip type (primary)')) return 'EPOCH_CLUSTERS';
  if (has('Name') && has('Current H100 equivalents')) return 'EPOCH_DATA_CENTERS';
  if (has('Data center') && has('Construction status')) return 'EPOCH_DATA_CENTER_TIMELINES';
  if (has('instance_type') && has('gpu')) return 'AWS_GPU_REGIONS';
  if (has('instance_type') && has('accelerator')) return 'GCP_GPU_REGIONS';
  if (has('Rank') && has('Rmax [TFlop/s]')) return 'TOP500';
  if (has('document_number') && has('publication_date')) return 'FEDERAL_REGISTER';
  return 'CSV';
}

/** Parses file content in a format (or, with 'AUTO', the format its text and header suggest) into a draft. */
export function parseImport(format: ImportFormat | 'AUTO', content: string): { format: ImportFormat; draft: Draft } {
  const list = screeningListOf(format);
  if (list) return { format: list.format, draft: parseScreeningList(content, list) };
  // A screening list names its list in its first lines ({"list_id": "bis-entity-list", ...}).
  const listId = format === 'AUTO' ? /^\uFEFF?\s*\{\s*"list_id"\s*:\s*"([^"]+)"/.exec(content)?.[1] : undefined;
  const detected = listId ? screeningListById(listId) : undefined;
  if (detected) return { format: detected.format, draft: parseScreeningList(content, detected) };
  if (format === 'JSON' || (format === 'AUTO' && /^\uFEFF?\s*[{[]/.test(content))) return { format: 'JSON', draft: parseGraphJson(content) };
  let table: CsvTable;
  // TOP500.org's export separates cells with semicolons (its numbers hold commas).
  const delimiter = format === 'TOP500' || (format === 'AUTO' && /^\uFEFF?Rank;/.test(content)) ? ';' : ',';
  try {
    table = readCsv(content, delimiter);
  } catch (error) {
    if (error instanceof ExtraCellsError) return { format: format === 'AUTO' ? 'CSV' : format, draft: { ...unreadable(''), issues: error.issues } };
    const message = `The file is not readable CSV (${(error as Error).message}).`;
    return { format: format === 'AUTO' ? 'CSV' : format, draft: unreadable(message) };
  }
  const chosen = format === 'AUTO' ? detectCsvFormat(table.header) : (format as CsvFormat);
  const draft = CSV_PARSERS[chosen](table);
  // Third-party tables name things their own way; the project's CSV uses the graph's ids already.
  return { format: chosen, draft: chosen === 'CSV' ? draft : canonicalise(draft) };
}

export { runImport, type ImportReport, type ImportResult } from './run-import.js';
export { matchRecords, type MatchRecord, type RecordMatch } from './record-matcher.js';
