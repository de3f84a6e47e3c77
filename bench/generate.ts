import { COMPANY_ROLES, DATA_CENTER_STATUSES, type EntityKind } from '../src/graph/ontology.js';

/**
 * A deterministic synthetic graph that scales the ontology to any number of entities. Every entity and every
 * relationship is a pure function of (seed, kind, index), so the graph is streamed in batches, never held whole.
 *
 * Shape: low indexes are hubs. Targets are picked with `floor(count * u²)`, so entity 0 of a kind receives about
 * `1/√count` of the relationships into that kind (Nvidia designs ~300 chips at 10^6 entities, ~20 at 10^4) and
 * most entities have one or two relationships: a long tail. Relationships carry validFrom (and sometimes validTo).
 */

export type BenchEntity = Record<string, unknown> & { id: string; kind: EntityKind; name: string };
export interface BenchRelationship {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly props: Record<string, unknown>;
}

/** Fractions of the non-country entities per kind; countries are a fixed set. */
const SHARES: readonly [EntityKind, number][] = [
  ['Company', 0.2],
  ['Model', 0.25],
  ['Chip', 0.1],
  ['DataCenter', 0.2],
  ['Regulation', 0.05],
  ['Source', 0.2],
];
const COUNTRIES = 200;

/** Named hubs at the head of each kind, so benchmarks can ask for them by their usual ids. */
export const HUBS: Readonly<Partial<Record<EntityKind, readonly string[]>>> = {
  Company: ['nvidia', 'tsmc', 'amd', 'intel', 'google', 'microsoft', 'amazon', 'openai', 'meta', 'samsung'],
  Chip: ['nvidia-h100', 'nvidia-a100', 'nvidia-b200', 'amd-mi300x', 'google-tpu-v5p'],
  Model: ['gpt-4', 'llama-3-70b', 'gemini-1-5-pro', 'claude-3-opus'],
  Country: ['united-states', 'china', 'taiwan', 'netherlands', 'japan', 'south-korea', 'germany', 'united-kingdom'],
  Regulation: ['bis-2022-10-07', 'bis-2023-10-17', 'bis-2025-01-15-ai-diffusion'],
};

const PREFIX: Record<EntityKind, string> = {
  Company: 'company',
  Model: 'model',
  Chip: 'chip',
  DataCenter: 'dc',
  Observation: 'observation',
  Regulation: 'regulation',
  Country: 'country',
  Source: 'source',
};

/** Counts per kind for a graph of about `size` entities. */
export interface GraphPlan {
  readonly size: number;
  readonly seed: number;
  readonly counts: Readonly<Record<EntityKind, number>>;
}

export function planFor(size: number, seed = 42): GraphPlan {
  const rest = Math.max(size - COUNTRIES, SHARES.length * 10);
  const counts = Object.fromEntries(SHARES.map(([k, share]) => [k, Math.max(10, Math.round(rest * share))])) as Record<EntityKind, number>;
  counts.Country = COUNTRIES;
  // Dated readings are not part of the benchmark's shape (the figures in bench/results predate the kind).
  counts.Observation = 0;
  return { size, seed, counts };
}

/** The id of entity `i` of a kind: a named hub at the head, `<prefix>-<i>` after. */
export function idOf(kind: EntityKind, i: number): string {
  return HUBS[kind]?.[i] ?? `${PREFIX[kind]}-${i}`;
}

/** mulberry32: a tiny, fast, seedable PRNG (returns floats in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_SALT: Record<EntityKind, number> = { Company: 1, Model: 2, Chip: 3, DataCenter: 4, Regulation: 5, Country: 6, Source: 7, Observation: 8 };

/** The PRNG of one entity (and of the relationships it owns), independent of every other entity. */
export function rngFor(plan: GraphPlan, kind: EntityKind, i: number, salt = 0): () => number {
  return prng(Math.imul(plan.seed ^ 0x9e3779b9, 31) + Math.imul(KIND_SALT[kind] + salt * 16, 0x85ebca6b) + Math.imul(i, 0xc2b2ae35));
}

/** A power-law pick in [0, count): low indexes (the hubs) come up far more often. */
export const pick = (rnd: () => number, count: number): number => Math.min(count - 1, Math.floor(count * rnd() ** 2));
export const int = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
export const oneOf = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

/** A date `YYYY-MM-DD` between two years. */
export function dateBetween(rnd: () => number, fromYear: number, toYear: number): string {
  const y = int(rnd, fromYear, toYear);
  const m = int(rnd, 1, 12);
  const d = int(rnd, 1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Words names are made of; search benchmarks look for them, whole, as prefixes and with typos. */
export const WORDS = [
  'helix',
  'quanta',
  'vector',
  'tensor',
  'photon',
  'silicon',
  'aurora',
  'nimbus',
  'cobalt',
  'zephyr',
  'orbital',
  'lattice',
  'cortex',
  'neural',
  'vertex',
  'prism',
  'summit',
  'harbor',
  'falcon',
  'granite',
  'meridian',
  'nova',
  'pulsar',
  'quasar',
  'radiant',
  'stratus',
  'titan',
  'umbra',
  'vortex',
  'zenith',
  'atlas',
  'beacon',
  'cascade',
  'delta',
  'ember',
  'fusion',
  'gamma',
  'horizon',
  'ion',
  'jade',
  'kinetic',
  'lumen',
  'matrix',
  'nexus',
  'onyx',
  'polar',
  'quantum',
  'ridge',
] as const;

export function nameFor(kind: EntityKind, i: number, rnd: () => number): string {
  const hub = HUBS[kind]?.[i];
  if (hub)
    return hub
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(' ');
  const a = oneOf(rnd, WORDS);
  const b = oneOf(rnd, WORDS);
  const title = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  return `${title(a)} ${title(b)} ${kind === 'DataCenter' ? 'Campus' : kind} ${i}`;
}

/** Kind-specific properties, as the ontology names them. */
export function kindProps(kind: EntityKind, rnd: () => number): Record<string, unknown> {
  switch (kind) {
    case 'Company':
      return {
        roles: [oneOf(rnd, COMPANY_ROLES), oneOf(rnd, COMPANY_ROLES)].filter((r, j, a) => a.indexOf(r) === j),
        foundedYear: int(rnd, 1950, 2024),
        website: null,
      };
    case 'Model':
      return {
        releaseDate: dateBetween(rnd, 2018, 2025),
        parameters: Math.round(rnd() * 1e12),
        openWeights: rnd() < 0.4,
        domain: oneOf(rnd, ['language', 'vision', 'multimodal', 'biology']),
      };
    case 'Chip':
      return {
        vendor: null,
        releaseDate: dateBetween(rnd, 2016, 2025),
        memoryGb: int(rnd, 16, 192),
        tpp: int(rnd, 100, 20000),
        eccn: oneOf(rnd, ['3A090', '4A090', 'EAR99']),
        processNm: oneOf(rnd, [3, 4, 5, 7, 12, 16]),
      };
    case 'DataCenter':
      return { city: null, powerMw: int(rnd, 1, 1500), status: oneOf(rnd, DATA_CENTER_STATUSES), operationalDate: dateBetween(rnd, 2010, 2028) };
    case 'Regulation':
      return {
        issuer: 'BIS',
        jurisdiction: 'US',
        publishedDate: dateBetween(rnd, 2018, 2025),
        effectiveDate: dateBetween(rnd, 2018, 2025),
        eccns: ['3A090', '4A090'],
      };
    case 'Observation':
      return { observedDate: dateBetween(rnd, 2020, 2026), projected: false, powerMw: int(rnd, 1, 1500) };
    case 'Country':
      return { isoCode: null };
    case 'Source':
      return { title: null, publisher: oneOf(rnd, ['Reuters', 'BIS', 'SemiAnalysis', 'Epoch AI']), url: null, publishedDate: dateBetween(rnd, 2015, 2025) };
  }
}

/** Entity `i` of a kind, with every property the loader writes (aliasText, sourceIds). */
export function entityAt(plan: GraphPlan, kind: EntityKind, i: number): BenchEntity {
  const rnd = rngFor(plan, kind, i);
  const name = nameFor(kind, i, rnd);
  const aliases = rnd() < 0.3 ? [`${name.split(' ')[0]} ${oneOf(rnd, WORDS)}`] : [];
  return {
    id: idOf(kind, i),
    kind,
    name,
    aliases,
    aliasText: aliases.join(' '),
    description: `A synthetic ${kind.toLowerCase()} about ${oneOf(rnd, WORDS)} and ${oneOf(rnd, WORDS)}.`,
    sourceIds: kind === 'Source' ? [] : [idOf('Source', pick(rnd, plan.counts.Source))],
    ...kindProps(kind, rnd),
  };
}

/** Every entity, kind by kind, in batches. */
export function* entityBatches(plan: GraphPlan, batchSize: number): Generator<{ kind: EntityKind; rows: BenchEntity[] }> {
  for (const [kind, count] of Object.entries(plan.counts) as [EntityKind, number][]) {
    for (let start = 0; start < count; start += batchSize) {
      const rows: BenchEntity[] = [];
      for (let i = start; i < Math.min(count, start + batchSize); i++) rows.push(entityAt(plan, kind, i));
      yield { kind, rows };
    }
  }
}

export const totalEntities = (plan: GraphPlan): number => Object.values(plan.counts).reduce((a, b) => a + b, 0);
