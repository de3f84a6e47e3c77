import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

const server = useTestServer();

interface Controls {
  licence: string;
  missing: string[];
  destination: { id: string };
  tpp: { value: number; formula: string } | null;
  rules: {
    regulationId: string;
    regulation: { name: string } | null;
    licence: string;
    controls: { paragraph: string | null; status: string; evidence: string[]; source: { id: string } | null }[];
  }[];
}

const CONTROLS = `licence missing destination { id } tpp { value formula }
  rules { regulationId regulation { name } licence controls { paragraph status evidence source { id } } }`;

async function controls(chip: string, destination: string, asOf: string): Promise<Controls> {
  const data = await server.data<{ entity: { controls: Controls } }>(
    `query($chip: ID!, $dest: ID!, $asOf: Date) { entity(id: $chip) { ... on Chip { controls(destination: $dest, asOf: $asOf) { ${CONTROLS} } } } }`,
    { chip, dest: destination, asOf },
  );
  return data.entity.controls;
}

describe('Chip.controls', () => {
  it('finds the H100 under 3A090.a for China from its TPP, citing the rule and its source', async () => {
    const c = await controls('nvidia-h100', 'china', '2025-06-01');
    expect(c.licence).toBe('REQUIRED');
    expect(c.destination.id).toBe('china');
    expect(c.tpp?.value).toBeCloseTo(15_832, 0);
    const met = c.rules.flatMap((r) => r.controls.filter((p) => p.status === 'MET').map((p) => ({ rule: r.regulationId, ...p })));
    expect(met).toContainEqual(
      expect.objectContaining({ rule: 'bis-2023-10-17-ac-s-ifr', paragraph: '3A090.a', evidence: expect.arrayContaining(['TPP 15,832 ≥ 4,800']) }),
    );
    expect(met.every((m) => m.source !== null)).toBe(true);
    expect(c.rules.find((r) => r.regulationId === 'bis-2023-10-17-ac-s-ifr')?.regulation?.name).toBeTruthy();
  });

  it('needs no licence to ship the H100 to Singapore once the AI Diffusion rule is rescinded', async () => {
    const c = await controls('nvidia-h100', 'singapore', '2025-06-01');
    expect(c.licence).toBe('NOT_REQUIRED');
    expect(c.rules.length).toBeGreaterThan(0);
  });

  it('calls the H20 unknown before April 2025, naming the missing die area, and required after the letter', async () => {
    const before = await controls('nvidia-h20', 'china', '2025-01-01');
    expect(before.licence).toBe('UNKNOWN');
    expect(before.missing).toContain('dieAreaMm2');
    const after = await controls('nvidia-h20', 'china', '2025-06-01');
    expect(after.licence).toBe('REQUIRED');
  });

  it('refuses a destination that is not a Country, naming the argument', async () => {
    const res = await server.gql(`{ entity(id: "nvidia-h100") { ... on Chip { controls(destination: "nvidia", asOf: "2025-06-01") { licence } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('destination "nvidia"');
  });
});
