import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, snapshot, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const p = uniquePrefix('valid');
const ids = { company: `${p}-co`, model: `${p}-model`, country: `${p}-land`, source: `${p}-src` };
const SRC = 'src-epoch-notable-models';

interface UserError {
  code: string;
  field: string | null;
  message: string;
}

const ERRORS = 'errors { code field message }';
const createCompany = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { entity { id } ${ERRORS} } }`;
const createModel = `mutation($input: CreateModelInput!) { createModel(input: $input) { entity { id } ${ERRORS} } }`;
const assertRel = `mutation($input: RelationshipInput!) { assertRelationship(input: $input) { relationship { type } ${ERRORS} } }`;

async function errorsOf(query: string, variables: Record<string, unknown>, field: string): Promise<UserError[]> {
  const data = await server.data<Record<string, { errors: UserError[] }>>(query, variables, asEditor);
  return data[field]!.errors;
}

beforeAll(async () => {
  await server.data(createCompany, { input: { id: ids.company, name: 'Validation Co', sources: [SRC] } }, asEditor);
  await server.data(createModel, { input: { id: ids.model, name: 'Validation Model', sources: [SRC] } }, asEditor);
  await server.data(`mutation { createCountry(input: { id: "${ids.country}", name: "Validland", sources: ["${SRC}"] }) { ${ERRORS} } }`, {}, asEditor);
  await server.data(`mutation { createSource(input: { id: "${ids.source}", name: "A test source", title: "A test source" }) { ${ERRORS} } }`, {}, asEditor);
});
afterAll(async () => {
  await removeEntities(server, [...Object.values(ids), `${p}-new`]);
});

describe('validation of entity writes', () => {
  it('rejects an id that is not a lower-case slug, naming input.id', async () => {
    const errors = await errorsOf(createCompany, { input: { id: 'Not A Slug', name: 'X', sources: [SRC] } }, 'createCompany');
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_ID', field: 'input.id' })]);
  });

  it('rejects an empty name as REQUIRED, naming input.name', async () => {
    const errors = await errorsOf(createCompany, { input: { id: `${p}-new`, name: '', sources: [SRC] } }, 'createCompany');
    expect(errors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: 'input.name' })]);
  });

  it('requires at least one source for every kind but Source', async () => {
    const errors = await errorsOf(createCompany, { input: { id: `${p}-new`, name: 'X', sources: [] } }, 'createCompany');
    expect(errors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: 'input.sources' })]);
  });

  it('rejects a source that is not a Source entity, naming its position', async () => {
    const errors = await errorsOf(createCompany, { input: { id: `${p}-new`, name: 'X', sources: [SRC, 'nvidia'] } }, 'createCompany');
    expect(errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_SOURCE', field: 'input.sources[1]' })]);
    expect(errors[0]!.message).toContain('nvidia');
  });

  it('rejects an id already in use (by any kind) as DUPLICATE_ID', async () => {
    const errors = await errorsOf(createModel, { input: { id: ids.company, name: 'Clash', sources: [SRC] } }, 'createModel');
    expect(errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID', field: 'input.id' })]);
  });

  it('refuses an unknown enum value or a malformed date as a request error before anything is written', async () => {
    const role = await server.gql<{ createCompany?: unknown; createModel?: unknown }>(
      createCompany,
      { input: { id: `${p}-new`, name: 'X', sources: [SRC], roles: ['NOT_A_ROLE'] } },
      asEditor,
    );
    const date = await server.gql<{ createCompany?: unknown; createModel?: unknown }>(
      createModel,
      { input: { id: `${p}-new`, name: 'X', sources: [SRC], releaseDate: '2024-02-30' } },
      asEditor,
    );
    for (const res of [role, date]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.data?.createCompany ?? res.data?.createModel ?? null).toBeNull();
    }
    expect((await server.data<{ entity: null }>(`{ entity(id: "${p}-new") { id } }`)).entity).toBeNull();
  });

  it('returns NOT_FOUND when updating an id that does not exist or is of another kind', async () => {
    const update = `mutation { updateModel(id: "${ids.company}", input: { name: "Y" }) { entity { id } ${ERRORS} } }`;
    const data = await server.data<{ updateModel: { entity: null; errors: UserError[] } }>(update, {}, asEditor);
    expect(data.updateModel).toEqual({ entity: null, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: 'id' })] });
  });

  it('validates an update as a whole: sources cannot be emptied, name cannot be cleared', async () => {
    const update = `mutation($input: UpdateCompanyInput!) { updateCompany(id: "${ids.company}", input: $input) { entity { id } ${ERRORS} } }`;
    const noSources = await server.data<{ updateCompany: { errors: UserError[] } }>(update, { input: { sources: [] } }, asEditor);
    expect(noSources.updateCompany.errors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: 'input.sources' })]);
    const noName = await server.data<{ updateCompany: { errors: UserError[] } }>(update, { input: { name: null } }, asEditor);
    expect(noName.updateCompany.errors[0]).toMatchObject({ field: 'input.name' });
  });

  it('writes nothing, not even an audit record, when a write is refused', async () => {
    const before = await snapshot(server, { prefix: p });
    await errorsOf(createCompany, { input: { id: `${p}-new`, name: 'X', sources: ['no-such-source'] } }, 'createCompany');
    expect(await snapshot(server, { prefix: p })).toEqual(before);
  });
});

describe('validation of relationship writes', () => {
  const base = () => ({ type: 'DEVELOPS', from: ids.company, to: ids.model, sources: [SRC] });

  it('rejects an endpoint that does not exist as UNKNOWN_ENDPOINT, naming input.to', async () => {
    const errors = await errorsOf(assertRel, { input: { ...base(), to: `${p}-missing` } }, 'assertRelationship');
    expect(errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_ENDPOINT', field: 'input.to' })]);
  });

  it('rejects a relationship the ontology does not allow between those kinds, naming the endpoint', async () => {
    const errors = await errorsOf(assertRel, { input: { ...base(), from: ids.model, to: ids.company } }, 'assertRelationship');
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['RELATIONSHIP_NOT_ALLOWED', 'input.from'],
      ['RELATIONSHIP_NOT_ALLOWED', 'input.to'],
    ]);
    expect(errors[0]!.message).toContain('DEVELOPS cannot start at a Model (allowed: Company)');
  });

  it('rejects validTo before validFrom as DATE_ORDER', async () => {
    const errors = await errorsOf(assertRel, { input: { ...base(), validFrom: '2024-05-01', validTo: '2024-04-30' } }, 'assertRelationship');
    expect(errors).toEqual([expect.objectContaining({ code: 'DATE_ORDER', field: 'input.validTo' })]);
  });

  it('rejects a property that belongs to another relationship type', async () => {
    const errors = await errorsOf(assertRel, { input: { ...base(), chipCount: 10 } }, 'assertRelationship');
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: 'input.chipCount' })]);
    expect(errors[0]!.message).toContain('not a property of DEVELOPS');
  });

  it('rejects a relationship without sources or with an unknown source', async () => {
    expect(await errorsOf(assertRel, { input: { ...base(), sources: [] } }, 'assertRelationship')).toEqual([
      expect.objectContaining({ code: 'REQUIRED', field: 'input.sources' }),
    ]);
    expect(await errorsOf(assertRel, { input: { ...base(), sources: ['src-nope'] } }, 'assertRelationship')).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_SOURCE', field: 'input.sources[0]' }),
    ]);
  });

  it('returns NOT_FOUND when deleting a relationship that does not exist', async () => {
    const data = await server.data<{ deleteRelationship: { errors: UserError[] } }>(
      `mutation { deleteRelationship(key: { type: OPERATES, from: "${ids.company}", to: "${ids.model}" }) { ${ERRORS} } }`,
      {},
      asEditor,
    );
    expect(data.deleteRelationship.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'key' })]);
  });
});

describe('deleting entities others depend on', () => {
  it('refuses to delete an entity others point to, naming them, and deletes it with cascade: true', async () => {
    await server.data(assertRel, { input: { type: 'HEADQUARTERED_IN', from: ids.company, to: ids.country, sources: [SRC] } }, asEditor);
    const refused = await server.data<{ deleteEntity: { deletedId: string | null; errors: UserError[] } }>(
      `mutation { deleteEntity(id: "${ids.country}") { deletedId ${ERRORS} } }`,
      {},
      asEditor,
    );
    expect(refused.deleteEntity.deletedId).toBeNull();
    expect(refused.deleteEntity.errors).toEqual([expect.objectContaining({ code: 'HAS_DEPENDENTS', field: 'id' })]);
    expect(refused.deleteEntity.errors[0]!.message).toContain(`${ids.company} -HEADQUARTERED_IN-> ${ids.country}`);
    expect((await server.data<{ entity: { id: string } | null }>(`{ entity(id: "${ids.country}") { id } }`)).entity).toEqual({ id: ids.country });

    const cascaded = await server.data<{ deleteEntity: { deletedId: string; deletedRelationships: number; errors: UserError[] } }>(
      `mutation { deleteEntity(id: "${ids.country}", cascade: true) { deletedId deletedRelationships ${ERRORS} } }`,
      {},
      asEditor,
    );
    expect(cascaded.deleteEntity).toEqual({ deletedId: ids.country, deletedRelationships: 1, errors: [] });
    const company = await server.data<{ entity: { headquarters: unknown } }>(
      `{ entity(id: "${ids.company}") { ... on Company { headquarters { node { id } } } } }`,
    );
    expect(company.entity.headquarters).toBeNull();
  });

  it('refuses to delete a Source that is still cited, even with cascade', async () => {
    await server.data(`mutation { updateModel(id: "${ids.model}", input: { sources: ["${SRC}", "${ids.source}"] }) { ${ERRORS} } }`, {}, asEditor);
    const refused = await server.data<{ deleteEntity: { errors: UserError[] } }>(
      `mutation { deleteEntity(id: "${ids.source}", cascade: true) { ${ERRORS} } }`,
      {},
      asEditor,
    );
    expect(refused.deleteEntity.errors).toEqual([expect.objectContaining({ code: 'HAS_DEPENDENTS' })]);
    expect(refused.deleteEntity.errors[0]!.message).toContain(ids.model);
  });
});
