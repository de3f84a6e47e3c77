import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../scripts/schema-diff.js';

const released = `
type Query {
  chip(id: ID!): Chip
  legacyChips: [Chip!]! @deprecated(reason: "Use chips; removed after 2026-06-30")
  chips: [Chip!]!
}
type Chip { id: ID! name: String! }
`;

describe('the breaking-change check', () => {
  it('passes an added field', async () => {
    const report = await checkSchema(released, released.replace('name: String!', 'name: String! vendor: String'), '');
    expect(report.refused).toEqual([]);
    expect(report.safe).toBe(1);
  });

  it('refuses a removed field that was never deprecated, naming it', async () => {
    const report = await checkSchema(released, released.replace('name: String!', ''), '');
    expect(report.refused.map((c) => c.path)).toEqual(['Chip.name']);
  });

  it('refuses a deprecated field removed before the changelog lists it', async () => {
    const current = released.replace(/\s+legacyChips.*\n/, '\n');
    expect((await checkSchema(released, current, '- nothing yet')).refused.map((c) => c.path)).toEqual(['Query.legacyChips']);
  });

  it('allows removing a deprecated field the changelog lists as removed', async () => {
    const current = released.replace(/\s+legacyChips.*\n/, '\n');
    const report = await checkSchema(released, current, '### Removed\n- `Query.legacyChips` (use `Query.chips`)');
    expect(report.refused).toEqual([]);
    expect(report.retired.map((c) => c.path)).toEqual(['Query.legacyChips']);
  });

  it('refuses a changed field type', async () => {
    const report = await checkSchema(released, released.replace('name: String!', 'name: Int!'), '');
    expect(report.refused.map((c) => c.path)).toEqual(['Chip.name']);
  });
});
