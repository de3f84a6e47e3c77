import { DraftBuilder } from './draft-builder.js';
import type { Draft, DraftEntity } from './draft.js';
import { mapColumns, requireColumns, RowReader, type ColumnSpec, type CsvTable } from './csv-table.js';
import { provenanceFor } from '../../graph/value-provenance.js';

/** Columns of the Federal Register documents table (the API's fields, one document a row). */
export const FEDERAL_REGISTER_COLUMNS = {
  number: ['document_number'],
  title: ['title'],
  published: ['publication_date'],
  url: ['html_url'],
  abstract: ['abstract'],
} as const satisfies ColumnSpec<string>;

type Column = keyof typeof FEDERAL_REGISTER_COLUMNS;

/** The table's own Source: the values of each document's Source entity are read from it. */
export const FEDERAL_REGISTER_SOURCE = 'src-dataset-federal-register-bis-partial';

/** The id the seed gives a Federal Register document's Source (src-fr-2022-21658). */
export const federalRegisterSourceId = (documentNumber: string): string => `src-fr-${documentNumber.toLowerCase()}`;

const shortName = (title: string): string => (title.length > 120 ? `${title.slice(0, 117)}...` : title);

function sourceOf(r: RowReader<Column>, number: string, at: string): DraftEntity {
  const id = federalRegisterSourceId(number);
  const title = r.text('title') ?? number;
  const props = {
    title,
    publisher: 'Federal Register (Office of the Federal Register)',
    url: r.text('url'),
    publishedDate: r.date('published'),
    language: 'en',
    description: r.text('abstract'),
  };
  // The publication date is the table's one dated value, the API's own field: HIGH, and its own date (no asOf).
  const valueProvenance = provenanceFor(props, ['publishedDate'], { source: FEDERAL_REGISTER_SOURCE, confidence: 'high' });
  return {
    ref: id,
    id,
    // One document, one Source: matched by its number (the id), never by a similar title.
    idOnly: true,
    kind: 'Source',
    name: shortName(title),
    sources: [],
    props: { ...props, valueProvenance },
    at,
  };
}

/**
 * Federal Register documents (document number, title, publication date, URL, abstract) as Source entities with
 * the seed's ids, so a document the seed already cites is the same Source (its curated values kept, the others
 * filled in) and a Regulation citing it gains nothing false. No Regulation is made from a row: the table does
 * not say which documents are rules in force, nor their effective dates (docs/data.md).
 */
export function parseFederalRegister(table: CsvTable): Draft {
  const { columns, unknown } = mapColumns(table.header, FEDERAL_REGISTER_COLUMNS, ['api_url', 'mentions_bis', 'source_post']);
  const b = new DraftBuilder(FEDERAL_REGISTER_SOURCE);
  b.issues.push(...requireColumns(columns, FEDERAL_REGISTER_COLUMNS, ['number', 'title']));
  const entities: DraftEntity[] = [];
  for (const row of b.issues.length ? [] : table.rows) {
    b.records += 1;
    const r = new RowReader<Column>(row, columns, b.issues);
    const number = r.text('number');
    if (!number || !/^[\dA-Za-z-]+$/.test(number)) b.skip(`row ${row.row}`, `no usable document number ("${number ?? ''}")`);
    else entities.push(sourceOf(r, number, `row ${row.row}`));
  }
  const draft = b.build(unknown);
  return { ...draft, entities: [...draft.entities, ...entities] };
}
