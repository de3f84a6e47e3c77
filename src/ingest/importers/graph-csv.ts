import {
  COMMON_PROPERTIES,
  COMMON_RELATIONSHIP_PROPERTIES,
  ENTITY_KINDS,
  isEntityKind,
  KIND_PROPERTIES,
  propertiesOf,
  RELATIONSHIP_TYPES,
  relationshipSpec,
  type PropertySpec,
} from '../../graph/ontology.js';
import type { UserErrorModel } from '../../errors.js';
import type { CsvTable } from './csv-table.js';
import type { Draft } from './draft.js';

/** Cells holding lists (aliases, sources, roles, eccns) separate values with this, since names contain commas. */
export const LIST_SEPARATOR = ';';

const BASE_COLUMNS = ['record', 'id', 'kind', 'type', 'from', 'to', 'sources'];

/** Every column the project's CSV format knows: the base ones plus every entity and relationship property. */
export const GRAPH_CSV_COLUMNS: readonly string[] = [
  ...new Set([
    ...BASE_COLUMNS,
    ...COMMON_PROPERTIES.map((p) => p.name),
    ...COMMON_RELATIONSHIP_PROPERTIES.map((p) => p.name),
    ...ENTITY_KINDS.flatMap((k) => KIND_PROPERTIES[k].map((p) => p.name)),
    ...RELATIONSHIP_TYPES.flatMap((r) => r.properties.map((p) => p.name)),
  ]),
];

/** A cell as its property's type; a cell that does not convert stays text so validation names it. */
function typed(spec: PropertySpec | undefined, cell: string): unknown {
  if (!spec) return cell;
  if (spec.list)
    return cell
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean);
  if (spec.type === 'int' || spec.type === 'float') return Number.isFinite(Number(cell)) ? Number(cell) : cell;
  if (spec.type === 'boolean') return cell === 'true' ? true : cell === 'false' ? false : cell;
  return cell;
}

function entityRow(cells: ReadonlyMap<string, string>): Record<string, unknown> {
  const kind = cells.get('kind') ?? '';
  const specs = new Map((isEntityKind(kind) ? propertiesOf(kind) : []).map((p) => [p.name, p]));
  const out: Record<string, unknown> = {
    id: cells.get('id') ?? '',
    kind,
    sources: typed({ name: 'sources', type: 'string', list: true }, cells.get('sources') ?? ''),
  };
  for (const [column, cell] of cells) if (cell && !BASE_COLUMNS.includes(column)) out[column] = typed(specs.get(column), cell);
  return out;
}

function relationshipRow(cells: ReadonlyMap<string, string>): Record<string, unknown> {
  const specs = new Map((relationshipSpec(cells.get('type') ?? '')?.properties ?? []).map((p) => [p.name, p]));
  const common = new Set(COMMON_RELATIONSHIP_PROPERTIES.map((p) => p.name));
  const out: Record<string, unknown> = { type: cells.get('type') ?? '', from: cells.get('from') ?? '', to: cells.get('to') ?? '' };
  out.sources = typed({ name: 'sources', type: 'string', list: true }, cells.get('sources') ?? '');
  const properties: Record<string, unknown> = {};
  for (const [column, cell] of cells) {
    if (!cell || ['record', 'type', 'from', 'to', 'sources'].includes(column)) continue;
    if (common.has(column)) out[column] = cell;
    else properties[column] = typed(specs.get(column), cell);
  }
  return Object.keys(properties).length ? { ...out, properties } : out;
}

/**
 * The project's CSV format (docs/import-export.md): one row per entity (`record` = entity) or relationship
 * (`record` = relationship), a column per field named as in the JSON format. Validated like the JSON format;
 * errors name the row (the header is row 1) and the column.
 */
export function parseGraphCsv(table: CsvTable): Draft {
  const issues: UserErrorModel[] = table.header
    .filter((h) => !GRAPH_CSV_COLUMNS.includes(h))
    .map((h) => ({ code: 'UNREADABLE_FILE', field: `header.${h}`, message: `header: unknown column "${h}" (columns are named as in docs/import-export.md)` }));
  const entities: unknown[] = [];
  const relationships: unknown[] = [];
  const entityRows: number[] = [];
  const relationshipRows: number[] = [];
  for (const { row, cells } of table.rows) {
    const record = cells.get('record');
    if (record === 'entity') {
      entities.push(entityRow(cells));
      entityRows.push(row);
    } else if (record === 'relationship') {
      relationships.push(relationshipRow(cells));
      relationshipRows.push(row);
    } else issues.push({ code: 'INVALID_VALUE', field: `rows[${row}].record`, message: `row ${row}, column "record": must be entity or relationship` });
  }
  const locate = (path: string): { field: string; label: string } => {
    const match = /^(entities|relationships)\[(\d+)\]\.?([^.[]*)(?:\.properties\.|\.)?([^.[]*)/.exec(path);
    if (!match) return { field: path, label: path };
    const row = (match[1] === 'entities' ? entityRows : relationshipRows)[Number(match[2])];
    const column = match[3] === 'properties' ? match[4] : match[3];
    return { field: `rows[${row}].${column || 'record'}`, label: `row ${row}, column "${column || 'record'}"` };
  };
  return {
    mode: 'assert',
    entities: [],
    relationships: [],
    skipped: [],
    unknownColumns: [],
    issues,
    records: table.rows.length,
    raw: { entities, relationships },
    locate,
  };
}
