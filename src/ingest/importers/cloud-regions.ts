import { DraftBuilder } from './draft-builder.js';
import type { Draft } from './draft.js';
import { mapColumns, requireColumns, RowReader, type ColumnSpec, type CsvTable } from './csv-table.js';
import { awsLocation, GCP_REGIONS } from './cloud-regions-data.js';
import { provenanceFor } from '../../graph/value-provenance.js';

export const AWS_REGIONS_SOURCE = 'src-dataset-aws-gpu-instances-2026-01';
export const GCP_REGIONS_SOURCE = 'src-dataset-gcp-gpu-vms-subset';

/** What sets one provider's listing apart: its columns, its name for the company, and how to place a region. */
interface Listing<K extends string> {
  readonly source: string;
  readonly provider: string;
  readonly prefix: string;
  readonly columns: ColumnSpec<K>;
  readonly ignored: readonly string[];
  readonly locate: (region: string) => { city: string | null; country: string } | null;
  /** The accelerator a row offers, as the graph names chips. */
  readonly chip: (r: RowReader<K>) => string | null;
}

const AWS_COLUMNS = {
  instance: ['instance_type'],
  region: ['region'],
  chip: ['gpu'],
  count: ['gpu_count'],
  memory: ['gpu_memory'],
} as const satisfies ColumnSpec<string>;
const GCP_COLUMNS = {
  instance: ['instance_type'],
  region: ['region'],
  chip: ['accelerator'],
  count: ['accelerator_count'],
} as const satisfies ColumnSpec<string>;
type Column = 'instance' | 'region' | 'chip' | 'count';

/** AWS lists every A100 instance as "NVIDIA A100"; the memory per GPU tells the SXM4 40 GB part from the 80 GB one. */
function awsChip(r: RowReader<keyof typeof AWS_COLUMNS>): string | null {
  const chip = r.text('chip');
  const total = /^(\d+) GB/.exec(r.text('memory') ?? '');
  const count = Number(r.text('count'));
  if (chip === 'NVIDIA A100' && total && count > 0) return `NVIDIA A100 SXM4 ${Number(total[1]) / count} GB`;
  return chip;
}

/**
 * The one dated value a listing writes on a region: it is operational, since the provider offers instances
 * there, on the listing's day (asOf: the snapshot's, added at loading). The city is the region table's
 * (cloud-regions-data.ts), not the listing's, and the offers are relationships: neither gets an entry.
 */
const statusProvenance = (source: string): string | null =>
  provenanceFor({ status: 'OPERATIONAL' }, ['status'], { source, confidence: 'high', note: 'Instances are offered for rent in this region in the listing.' });

function parseListing<K extends Column>(table: CsvTable, spec: Listing<K>): Draft {
  const { columns, unknown } = mapColumns(table.header, spec.columns, spec.ignored);
  const b = new DraftBuilder(spec.source);
  b.issues.push(...requireColumns(columns, spec.columns, ['instance', 'region', 'chip'] as K[]));
  const offers = new Map<string, { region: string; chip: string; instances: Set<string>; at: string }>();
  for (const row of b.issues.length ? [] : table.rows) {
    b.records += 1;
    const r = new RowReader<K>(row, columns, b.issues);
    const [region, chip, instance] = [r.text('region' as K), spec.chip(r), r.text('instance' as K)];
    const at = `row ${row.row}`;
    if (!region || !chip || !instance) b.skip(at, 'no region, accelerator or instance type');
    else if (!spec.locate(region)) b.skip(at, `region "${region}" is not in the region table (cloud-regions-data.ts)`);
    else {
      const key = `${region}|${chip}`;
      const offer = offers.get(key) ?? { region, chip, instances: new Set<string>(), at };
      offer.instances.add(`${instance} (${r.text('count' as K) ?? '?'} per instance)`);
      offers.set(key, offer);
    }
  }
  const provider = b.entity('Company', spec.provider, { roles: ['CLOUD_PROVIDER'] }, 'header');
  for (const { region, chip, instances, at } of offers.values()) {
    const { city, country } = spec.locate(region)!;
    const site = b.entity(
      'DataCenter',
      `${spec.prefix} ${region}`,
      { city, status: 'OPERATIONAL', aggregate: true, valueProvenance: statusProvenance(spec.source) },
      at,
    );
    b.relationship('OPERATES', provider, site, {}, at);
    b.relationship('LOCATED_IN', site, b.entity('Country', country, {}, at), {}, at);
    const notes = `Offered for rent here as ${[...instances].sort().join(', ')}: a listing, not a report of who rents it.`;
    b.relationship('EQUIPPED_WITH', site, b.entity('Chip', chip, {}, at), { notes }, at);
  }
  return b.build(unknown);
}

/**
 * AWS's GPU instance listing by region: each region (or Local/Wavelength Zone) is a DataCenter aggregate
 * operated by Amazon Web Services, located in its country and equipped with each accelerator rentable there.
 */
export const parseAwsRegions = (table: CsvTable): Draft =>
  parseListing(table, {
    source: AWS_REGIONS_SOURCE,
    provider: 'Amazon Web Services',
    prefix: 'AWS',
    columns: AWS_COLUMNS,
    ignored: ['vcpu', 'memory', 'network', 'on_demand_usd_hr', 'reserved_usd_hr', 'generation', 'family'],
    locate: awsLocation,
    chip: awsChip,
  });

/** Google Cloud's A2/A3/A4 machine types by region, read as for AWS, the regions operated by Google. */
export const parseGcpRegions = (table: CsvTable): Draft =>
  parseListing(table, {
    source: GCP_REGIONS_SOURCE,
    provider: 'Google',
    prefix: 'Google Cloud',
    columns: GCP_COLUMNS,
    ignored: ['zones', 'host_vm_price_usd_hr', 'is_singapore', 'source'],
    locate: (region) => (GCP_REGIONS[region] ? { city: GCP_REGIONS[region][0], country: GCP_REGIONS[region][1] } : null),
    chip: (r) => r.text('chip'),
  });
