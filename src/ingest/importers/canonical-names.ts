import { normaliseName, type Draft, type DraftEntity, type DraftRelationship } from './draft.js';

/** What a third-party name stands for: a curated entity (its id), or the graph's name for it. */
type Canonical = { readonly id: string; readonly note?: string } | { readonly name: string };

/**
 * Names the shipped datasets use for things the graph already has under another name, by kind and normalised
 * name (see normaliseName). Names that only differ in case, spaces or punctuation need no entry; distinct SKUs
 * (H100 PCIe, H100 NVL, A100 PCIe) stay distinct and need none either.
 */
export const CANONICAL_NAMES: Readonly<Record<'Chip' | 'Company', Readonly<Record<string, Canonical>>>> = {
  Chip: {
    // Epoch's generic "NVIDIA A100" does not say which part; it is the seed's "A100" (its alias), as the importers
    // have always matched it (by the slug of its name).
    nvidiaa100: { id: 'nvidia-a100', note: 'The source names the chip "NVIDIA A100" without its variant; read as the seed\'s A100 (SXM4 80 GB).' },
    nvidiah10080g: { id: 'nvidia-h100' },
    nvidiah100: { id: 'nvidia-h100' },
    nvidiah10080gb: { id: 'nvidia-h100' },
    nvidiah10080gbmega: { id: 'nvidia-h100' },
    nvidiah200: { id: 'nvidia-h200' },
    nvidiah200141gb: { id: 'nvidia-h200' },
    nvidiab200gpus: { id: 'nvidia-b200' },
    nvidiab200blackwell: { id: 'nvidia-b200' },
    nvidiagb200: { id: 'nvidia-gb200' },
    nvidiagb200graceblackwell: { id: 'nvidia-gb200' },
    nvidiaa10040gb: { id: 'nvidia-a100-sxm4-40gb' },
    nvidiaa10080gb: { id: 'nvidia-a100' },
    // TOP500's names: HBM3 and HGX mark the SXM5 part; "Tesla A100 40G/80G" do not say which form factor.
    nvidiah10080gbhbm3: { id: 'nvidia-h100' },
    nvidiahgxh100: { id: 'nvidia-h100' },
    nvidiateslaa10080g: {
      id: 'nvidia-a100',
      note: 'The source names the chip "NVIDIA Tesla A100 80G" without its form factor; read as the seed\'s A100 (SXM4 80 GB).',
    },
    nvidiateslaa10040g: {
      id: 'nvidia-a100-sxm4-40gb',
      note: 'The source names the chip "NVIDIA Tesla A100 40G" without its form factor; read as the A100 SXM4 40 GB.',
    },
    amdradeoninstinctmi308x: { id: 'amd-mi308x' },
    huaweiascend910a: { id: 'huawei-ascend-910' },
    awstrainium: { name: 'Amazon Trainium1' },
    awstrainium2: { name: 'Amazon Trainium2' },
  },
  Company: {
    facebook: { id: 'meta' },
    facebookai: { id: 'meta' },
    facebookairesearch: { id: 'meta' },
    googleai: { id: 'google' },
    googlebrain: { id: 'google' },
    googleresearch: { id: 'google' },
    googlecloud: { id: 'google' },
    zaizhipuai: { id: 'zhipu-ai' },
    microsoftresearch: { id: 'microsoft' },
    microsoftresearchasia: { id: 'microsoft' },
    microsoftresearchaiforscience: { id: 'microsoft' },
    alibabadamoacademy: { id: 'alibaba' },
    huaweinoahsarklab: { id: 'huawei' },
    baiduresearchsiliconvalleyailab: { id: 'baidu' },
    amazonwebservicesaws: { name: 'Amazon Web Services' },
    aws: { name: 'Amazon Web Services' },
    amazonaws: { name: 'Amazon Web Services' },
    iflytekresearch: { name: 'iFlytek' },
    coreweave: { name: 'CoreWeave' },
  },
};

const canonicalOf = (e: DraftEntity): Canonical | undefined =>
  e.kind === 'Chip' || e.kind === 'Company' ? CANONICAL_NAMES[e.kind][normaliseName(e.name)] : undefined;

/** The draft entity as the graph names it: a curated id or name, the dataset's own name kept as an alias. */
function rename(e: DraftEntity, canonical: Canonical): DraftEntity {
  const aliases = [...new Set([...(e.aliases ?? []), e.name])];
  if ('name' in canonical) return { ...e, ref: `${e.kind}:${normaliseName(canonical.name)}`, name: canonical.name, aliases };
  return { ...e, ref: `${e.kind}#${canonical.id}`, id: canonical.id, aliases };
}

const fill = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...b, ...a };
  for (const [k, v] of Object.entries(a)) if (v === null || v === undefined) out[k] = b[k];
  return out;
};

/**
 * Maps a third-party draft onto the graph's names (CANONICAL_NAMES): entities that name one real thing become
 * one draft entity (the first given value of each property wins), relationships follow, and a relationship to a
 * chip read from a generic name carries a note saying so.
 */
export function canonicalise(draft: Draft): Draft {
  if (draft.raw) return draft;
  const refOf = new Map<string, string>();
  const notes = new Map<string, string>();
  const entities = new Map<string, DraftEntity>();
  for (const e of draft.entities) {
    const canonical = canonicalOf(e);
    const renamed = canonical ? rename(e, canonical) : e;
    refOf.set(e.ref, renamed.ref);
    if (canonical && 'note' in canonical && canonical.note) notes.set(e.ref, canonical.note);
    const seen = entities.get(renamed.ref);
    entities.set(
      renamed.ref,
      seen ? { ...seen, props: fill(seen.props, renamed.props), aliases: [...new Set([...(seen.aliases ?? []), ...(renamed.aliases ?? [])])] } : renamed,
    );
  }
  const relationships = new Map<string, DraftRelationship>();
  for (const r of draft.relationships) {
    const [from, to] = [refOf.get(r.from) ?? r.from, refOf.get(r.to) ?? r.to];
    const note = notes.get(r.to) ?? notes.get(r.from);
    const props = note && !r.props.notes ? { ...r.props, notes: note } : r.props;
    const key = `${from}|${r.type}|${to}`;
    const seen = relationships.get(key);
    relationships.set(key, seen ? { ...seen, props: fill(seen.props, props) } : { ...r, from, to, props });
  }
  return { ...draft, entities: [...entities.values()], relationships: [...relationships.values()] };
}
