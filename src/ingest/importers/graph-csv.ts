import {
  COMMON_PROPERTIES,
  COMMON_RELATIONSHIP_PROPERTIES,
  ENTITY_KINDS,
  KIND_PROPERTIES,
  propertiesOf,
  RELATIONSHIP_TYPES,
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

const SOURCES_SPEC: PropertySpec = { name: 'sources', type: 'string', list: true, description: 'sources' };
const ENTITY_BASE = new Set(BASE_COLUMNS);
const RELATIONSHIP_BASE = new Set(['record', 'type', 'from', 'to', 'sources']);
const COMMON_RELATIONSHIP = new Set(COMMON_RELATIONSHIP_PROPERTIES.map((p) => p.name));
/** Property specs by name, per kind and per relationship type, built once rather than per row. */
const KIND_SPECS = new Map(ENTITY_KINDS.map((k) => [k as string, new Map(propertiesOf(k).map((p) => [p.name, p]))]));
const TYPE_SPECS = new Map(RELATIONSHIP_TYPES.map((r) => [r.type, new Map(r.properties.map((p) => [p.name, p]))]));

function entityRow(cells: ReadonlyMap<string, string>): Record<string, unknown> {
  const kind = cells.get('kind') ?? '';
  const specs = KIND_SPECS.get(kind);
  const out: Record<string, unknown> = { id: cells.get('id') ?? '', kind, sources: typed(SOURCES_SPEC, cells.get('sources') ?? '') };
  for (const [column, cell] of cells) if (cell && !ENTITY_BASE.has(column)) out[column] = typed(specs?.get(column), cell);
  return out;
}

function relationshipRow(cells: ReadonlyMap<string, string>): Record<string, unknown> {
  const specs = TYPE_SPECS.get(cells.get('type') ?? '');
  const out: Record<string, unknown> = { type: cells.get('type') ?? '', from: cells.get('from') ?? '', to: cells.get('to') ?? '' };
  out.sources = typed(SOURCES_SPEC, cells.get('sources') ?? '');
  let properties: Record<string, unknown> | undefined;
  for (const [column, cell] of cells) {
    if (!cell || RELATIONSHIP_BASE.has(column)) continue;
    if (COMMON_RELATIONSHIP.has(column)) out[column] = cell;
    else (properties ??= {})[column] = typed(specs?.get(column), cell);
  }
  return properties ? { ...out, properties } : out;
}

/**
 * The project's CSV format (docs/import-export.md): one row per entity (`record` = entity) or relationship
 * (`record` = relationship), a column per field named as in the JSON format. Validated like the JSON format;
 * errors name the row (the header is row 1) and the column.
 */
export function parseGraphCsv(table: CsvTable): Draft {
  const known = new Set(GRAPH_CSV_COLUMNS);
  const issues: UserErrorModel[] = table.header
    .filter((h) => !known.has(h))
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
