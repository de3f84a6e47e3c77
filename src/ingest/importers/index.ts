import { ExtraCellsError, readCsv, type CsvTable } from './csv-table.js';
import { unreadable, type Draft } from './draft.js';
import { parseEpochClusters } from './epoch-clusters.js';
import { parseEpochHardware } from './epoch-hardware.js';
import { parseEpochModels } from './epoch-models.js';
import { parseGraphCsv } from './graph-csv.js';
import { parseGraphJson } from './graph-json.js';

export const IMPORT_FORMATS = ['JSON', 'CSV', 'EPOCH_MODELS', 'EPOCH_HARDWARE', 'EPOCH_CLUSTERS'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const CSV_PARSERS: Record<Exclude<ImportFormat, 'JSON'>, (table: CsvTable) => Draft> = {
  CSV: parseGraphCsv,
  EPOCH_MODELS: parseEpochModels,
  EPOCH_HARDWARE: parseEpochHardware,
  EPOCH_CLUSTERS: parseEpochClusters,
};

/** Guesses a CSV's format from its header: the Epoch tables by their name column, else the project's CSV. */
export function detectCsvFormat(header: readonly string[]): Exclude<ImportFormat, 'JSON'> {
  const has = (name: string): boolean => header.some((h) => h.toLowerCase() === name.toLowerCase());
  if ((has('Model') || has('System')) && has('Organization')) return 'EPOCH_MODELS';
  if (has('Hardware name') || has('Name of the hardware')) return 'EPOCH_HARDWARE';
  if (has('Name') && has('Chip type (primary)')) return 'EPOCH_CLUSTERS';
  return 'CSV';
}

/** Parses file content in a format (or, with 'AUTO', the format its text and header suggest) into a draft. */
export function parseImport(format: ImportFormat | 'AUTO', content: string): { format: ImportFormat; draft: Draft } {
  if (format === 'JSON' || (format === 'AUTO' && /^\uFEFF?\s*[{[]/.test(content))) return { format: 'JSON', draft: parseGraphJson(content) };
  let table: CsvTable;
  try {
    table = readCsv(content);
  } catch (error) {
    if (error instanceof ExtraCellsError) return { format: format === 'AUTO' ? 'CSV' : format, draft: { ...unreadable(''), issues: error.issues } };
    const message = `The file is not readable CSV (${(error as Error).message}).`;
    return { format: format === 'AUTO' ? 'CSV' : format, draft: unreadable(message) };
  }
  if (format === 'AUTO' && table.header.includes('Data center') && table.header.includes('Construction status')) {
    const message =
      "This looks like Epoch AI's Frontier Data Centers timeline (data_center_timelines.csv), which the importer does not read; import the GPU Clusters table instead.";
    return {
      format: 'CSV',
      draft: unreadable(message, 'header'),
    };
  }
  const chosen = format === 'AUTO' ? detectCsvFormat(table.header) : format;
  return { format: chosen, draft: CSV_PARSERS[chosen](table) };
}

export { runImport, type ImportReport, type ImportResult } from './run-import.js';
