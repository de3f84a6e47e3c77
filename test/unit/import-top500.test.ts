import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/ingest/importers/index.js';
import { acceleratorsOf, top500Number } from '../../src/ingest/importers/top500.js';
import { parseProvenance } from '../../src/graph/value-provenance.js';

const TOP500 = readFileSync(new URL('../../data/datasets/top500/top500_2025-06.csv', import.meta.url), 'utf8');

describe('the TOP500 importer', () => {
  const { format, draft } = parseImport('AUTO', TOP500);
  const system = (name: string) => draft.entities.find((e) => e.kind === 'DataCenter' && e.name === name)!;
  const edges = (ref: string, type: string) => draft.relationships.filter((r) => r.from === ref && r.type === type);

  it('recognises the semicolon-separated list by its header and reads all 500 systems without a problem', () => {
    expect(format).toBe('TOP500');
    expect(draft.issues).toEqual([]);
    expect(draft.records).toBe(500);
    expect(draft.unknownColumns).toEqual([]);
    expect(draft.entities.filter((e) => e.kind === 'DataCenter').length).toBeGreaterThan(480);
  });

  it('reads El Capitan with its rank, Rmax in PFLOP/s and power in MW, its site, country and accelerator, credited to the list', () => {
    const capitan = system('El Capitan');
    const { valueProvenance, ...props } = capitan.props;
    expect(props).toEqual({ status: 'OPERATIONAL', powerMw: 29.58098, top500Rank: 1, rmaxPflops: 1742 });
    // Each value credited to the list; its date is the snapshot's, added when the manifest loads it.
    expect(parseProvenance(valueProvenance)).toEqual({
      status: { source: 'src-dataset-top500-2025-06', confidence: 'high' },
      top500Rank: { source: 'src-dataset-top500-2025-06', confidence: 'high' },
      rmaxPflops: { source: 'src-dataset-top500-2025-06', confidence: 'high' },
      powerMw: { source: 'src-dataset-top500-2025-06', confidence: 'high', note: 'TOP500 Power Source: Submitted.' },
    });
    expect(capitan.sources).toEqual(['src-dataset-top500-2025-06']);
    expect(edges(capitan.ref, 'LOCATED_IN').map((r) => r.to)).toEqual(['Country:unitedstates']);
    expect(draft.relationships.filter((r) => r.to === capitan.ref && r.type === 'OPERATES').map((r) => r.from)).toEqual(['Company:doennsallnl']);
    const [chip] = edges(capitan.ref, 'EQUIPPED_WITH');
    expect(chip!.to).toBe('Chip:amdinstinctmi300a');
    // TOP500 gives accelerator cores, not chips: no chip count is made up from them.
    expect(chip!.props.chipCount).toBeUndefined();
    expect(chip!.props.notes).toContain('9 988 224 accelerator cores');
  });

  it('maps the generic H100 to the seed chip and leaves CPU-only systems without accelerators', () => {
    const h100Systems = draft.relationships.filter((r) => r.type === 'EQUIPPED_WITH' && r.to === 'Chip#nvidia-h100');
    expect(h100Systems.length).toBeGreaterThan(20);
    const fugaku = system('Supercomputer Fugaku');
    expect(edges(fugaku.ref, 'EQUIPPED_WITH')).toEqual([]);
  });

  it('reads TOP500 numbers with spaces between thousands and a decimal comma', () => {
    expect(top500Number('1 742 000,00')).toBe(1742000);
    expect(top500Number('29 580,98')).toBe(29580.98);
    expect(top500Number('')).toBeNull();
    expect(top500Number(null)).toBeNull();
  });

  it('splits a cell naming two accelerators, giving the second the first one’s vendor where it names none', () => {
    expect(acceleratorsOf('None')).toEqual([]);
    expect(acceleratorsOf('NVIDIA H100/H200')).toEqual(['NVIDIA H100', 'NVIDIA H200']);
    expect(acceleratorsOf('NVIDIA Tesla K40/Intel Xeon Phi 7120P')).toEqual(['NVIDIA Tesla K40', 'Intel Xeon Phi 7120P']);
  });
});
