import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/ingest/importers/index.js';
import { readSeedGraph } from '../../src/ingest/seed.js';

const FR = readFileSync(new URL('../../data/datasets/federal-register/fr_bis_documents_2020-2026_partial.csv', import.meta.url), 'utf8');

describe('the Federal Register importer', () => {
  const { format, draft } = parseImport('AUTO', FR);

  it('recognises the documents table and reads each of its 193 documents as one Source, and nothing else', () => {
    expect(format).toBe('FEDERAL_REGISTER');
    expect(draft.issues).toEqual([]);
    expect(draft.entities).toHaveLength(193);
    expect(new Set(draft.entities.map((e) => e.kind))).toEqual(new Set(['Source']));
    expect(draft.relationships).toEqual([]);
  });

  it('gives a document the id the seed gives it, so the October 2022 rule is the seed’s own Source, matched by id only', () => {
    const seedSources = new Set(
      readSeedGraph()
        .entities.filter((e) => e.kind === 'Source')
        .map((e) => e.id),
    );
    const october2022 = draft.entities.find((e) => e.id === 'src-fr-2022-21658')!;
    expect(seedSources.has(october2022.id!)).toBe(true);
    expect(october2022.idOnly).toBe(true);
    expect(october2022.props).toMatchObject({ publishedDate: '2022-10-13', publisher: 'Federal Register (Office of the Federal Register)' });
    expect(String(october2022.props.url)).toContain('federalregister.gov/documents/2022/10/13/2022-21658');
    expect(draft.entities.filter((e) => seedSources.has(e.id!))).toHaveLength(9);
  });

  it('keeps names within the name limit and the full title beside it', () => {
    expect(draft.entities.every((e) => e.name.length <= 120)).toBe(true);
    const long = draft.entities.find((e) => String(e.props.title).length > 120)!;
    expect(long.name.endsWith('...')).toBe(true);
  });

  it('refuses a table without document numbers, naming the column', () => {
    const { draft: bad } = parseImport('FEDERAL_REGISTER', 'title,publication_date\nA rule,2024-01-01\n');
    expect(bad.issues.map((i) => i.message)).toEqual([expect.stringContaining('"document_number"')]);
  });
});
