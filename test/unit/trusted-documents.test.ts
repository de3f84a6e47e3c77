import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentHash, isTrusted, loadTrustedDocuments, requestedOperation } from '../../src/server/trusted-documents.js';

const dir = mkdtempSync(path.join(tmpdir(), 'atlas-trusted-unit-'));
const manifestOf = (name: string, content: unknown): string => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const DOC = '{ changeCursor }';

describe('the trusted-documents manifest', () => {
  it('loads documents keyed by their sha256', () => {
    const documents = loadTrustedDocuments(manifestOf('ok.json', { [documentHash(DOC)]: DOC }));
    expect(isTrusted(documents, { document: DOC })).toBe(true);
    expect(isTrusted(documents, { hash: documentHash(DOC) })).toBe(true);
    expect(isTrusted(documents, { document: '{ __typename }' })).toBe(false);
    expect(isTrusted(documents, {})).toBe(false);
  });

  it('refuses an entry whose key is not the sha256 of its document, naming it', () => {
    const wrong = 'a'.repeat(64);
    expect(() => loadTrustedDocuments(manifestOf('wrong.json', { [wrong]: DOC }))).toThrow(`the entry ${wrong} is not the sha256 of its document`);
  });

  it('refuses a file that is not JSON or keys that are not hashes', () => {
    expect(() => loadTrustedDocuments(manifestOf('bad.json', 'not json'))).toThrow(/is not a readable JSON file/);
    expect(() => loadTrustedDocuments(manifestOf('keys.json', { Q1: DOC }))).toThrow('the key "Q1" is not a sha256 hash');
  });

  it('reads the operation of a GET from its parameters and of a POST from its body', () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'abc' } });
    expect(requestedOperation('GET', undefined, { extensions })).toEqual({ document: undefined, hash: 'abc' });
    expect(requestedOperation('POST', { query: DOC }, {})).toEqual({ document: DOC, hash: undefined });
  });
});
