import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSeedGraph } from '../../src/ingest/seed.js';
import { countryGroupsFileSchema } from '../../src/rules/country-groups.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { controlRulesFileSchema } from '../../src/rules/rule-schema.js';

const graph = readSeedGraph();
const kindOf = new Map(graph.entities.map((e) => [e.id, e.kind]));
const byId = new Map(graph.entities.map((e) => [e.id, e]));
const { rules, groups } = loadRuleSet();
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../data/rules/${file}`, import.meta.url), 'utf8'));

/** Every value of a `source` key anywhere in a JSON value, with its path. */
function citations(value: unknown, path = '$'): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citations(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'source' && typeof v === 'string' ? [[path, v] as [string, string]] : citations(v, `${path}.${k}`),
    );
  }
  return [];
}

describe('the control rules in data/rules', () => {
  it('match their zod schemas', () => {
    expect(controlRulesFileSchema.safeParse(read('control-rules.json')).error).toBeUndefined();
    expect(countryGroupsFileSchema.safeParse(read('country-groups.json')).error).toBeUndefined();
  });

  it('rejects a criterion without a source or with an unknown parameter', () => {
    const raw = read('control-rules.json') as { rules: Record<string, { controls: { anyOf?: Record<string, unknown>[] }[] }> };
    const criterion = raw.rules['bis-2023-10-17-ac-s-ifr']!.controls[0]!.anyOf![0]!;
    delete criterion.source;
    expect(controlRulesFileSchema.safeParse(raw).success).toBe(false);
    criterion.source = 'src-fr-2023-23055';
    criterion.allOf = [{ parameter: 'vibes', op: '>=', value: 1 }];
    expect(controlRulesFileSchema.safeParse(raw).success).toBe(false);
  });

  it('has one entry for every Regulation in the seed, keyed by its id, and no other', () => {
    const regulations = graph.entities
      .filter((e) => e.kind === 'Regulation')
      .map((e) => e.id)
      .sort();
    expect(Object.keys(rules.rules).sort()).toEqual(regulations);
  });

  it('cites only Sources that exist in the seed', () => {
    const cited = [...citations(read('control-rules.json')), ...citations(read('country-groups.json'))];
    expect(cited.length).toBeGreaterThan(50);
    for (const [path, id] of cited) expect(kindOf.get(id), `${path} cites ${id}`).toBe('Source');
  });

  it('names only chips, companies and regulations that exist in the seed', () => {
    for (const [id, rule] of Object.entries(rules.rules)) {
      for (const c of rule.controls.flatMap((x) => x.anyOf ?? []).flatMap((x) => x.allOf)) {
        if ('chip' in c) for (const chip of c.chip.ids) expect(kindOf.get(chip), `${id} names ${chip}`).toBe('Chip');
      }
      for (const a of rule.advisories ?? []) for (const chip of a.chip.ids) expect(kindOf.get(chip), `${id} names ${chip}`).toBe('Chip');
      for (const p of rule.parties ?? []) expect(kindOf.get(p.entity), `${id} lists ${p.entity}`).toBe('Company');
      for (const ref of [rule.supersededBy, rule.rescinds].filter(Boolean)) expect(kindOf.get(ref!), `${id} refers to ${ref}`).toBe('Regulation');
    }
  });

  it('points criteriaOf, containing, notIf and exception scopes at controls that exist', () => {
    const ids = new Set(Object.values(rules.rules).flatMap((r) => r.controls.map((c) => c.id)));
    expect(ids.size).toBe(Object.values(rules.rules).flatMap((r) => r.controls).length);
    for (const rule of Object.values(rules.rules)) {
      for (const c of rule.controls) {
        for (const ref of [c.criteriaOf, ...(c.containing ?? []), ...(c.notIf ?? [])].filter(Boolean)) expect(ids.has(ref!), `${c.id} → ${ref}`).toBe(true);
        if (c.appliesTo !== 'COMPUTER') expect(Boolean(c.anyOf) !== Boolean(c.criteriaOf), `${c.id} has criteria or criteriaOf`).toBe(true);
      }
      for (const e of [...(rule.exclusions ?? []), ...(rule.licenceExceptions ?? [])])
        for (const ref of e.controls)
          expect(
            rule.controls.some((c) => c.id === ref),
            `${e.id} → ${ref}`,
          ).toBe(true);
    }
  });

  it('dates each rule as the seed dates its Regulation', () => {
    for (const [id, rule] of Object.entries(rules.rules)) {
      const reg = byId.get(id)!;
      if (reg.effectiveDate) expect(rule.effectiveDate, `${id} effectiveDate`).toBe(reg.effectiveDate);
      expect(rule.rescindedDate ?? null, `${id} rescindedDate`).toBe(reg.rescindedDate ?? null);
      if (rule.rescinds) expect(rules.rules[rule.rescinds]!.rescindedDate, `${rule.rescinds} rescinded by ${id}`).toBe(rule.effectiveDate);
      if (rule.supersededBy) expect(rules.rules[rule.supersededBy]!.effectiveDate, `${id} superseded by ${rule.supersededBy}`).toBe(rule.supersededDate);
    }
  });

  it('says for every rule whether it covers remote access, and the AI Diffusion Rule was never binding', () => {
    for (const rule of Object.values(rules.rules)) expect(['NOT_COVERED', 'PARTIAL', 'PROPOSED', 'COVERED']).toContain(rule.scope.remoteAccess);
    const diffusion = rules.rules['bis-2025-01-15-ai-diffusion-rule']!;
    expect(diffusion.rescindedDate! < diffusion.complianceDate!).toBe(true);
  });
});

describe('the country groups in data/rules', () => {
  it('lists each member once per group, as ISO codes of countries the seed knows where it knows them', () => {
    const seedIso = new Set(graph.entities.filter((e) => e.kind === 'Country').map((e) => e.isoCode as string));
    for (const [name, g] of Object.entries(groups.groups)) {
      const isos = g.members.map((m) => (typeof m === 'string' ? m : m.iso));
      expect(new Set(isos).size, name).toBe(isos.length);
    }
    for (const t of groups.treatedAs) expect(seedIso.has(t.iso) && seedIso.has(t.as)).toBe(true);
  });

  it('agrees with the seed on which seed countries the October 2023 rule reaches', () => {
    const applies = graph.relationships.filter((r) => r.type === 'APPLIES_TO' && r.from === 'bis-2023-10-17-ac-s-ifr').map((r) => byId.get(r.to)!.isoCode);
    const inD = (iso: string): boolean => ['D:1', 'D:4', 'D:5'].some((g) => groups.groups[g]!.members.some((m) => (typeof m === 'string' ? m : m.iso) === iso));
    for (const iso of applies) expect(iso === 'HK' || inD(iso as string), `${iso}`).toBe(true);
    for (const iso of ['SG', 'MY', 'IN', 'ID', 'TH']) expect(inD(iso), iso).toBe(false);
  });
});
