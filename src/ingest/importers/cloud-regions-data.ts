/**
 * Where the cloud regions of the shipped listings are: each region code with its location and country (the
 * graph's country names). AWS Local and Wavelength Zones (`us-east-1-lim-1`, `eu-west-2-wl1-lon1`) lie in their
 * parent region's country unless their city code says otherwise (Lima is in Peru, not the United States).
 */
export const AWS_REGIONS: Readonly<Record<string, readonly [city: string, country: string]>> = {
  'af-south-1': ['Cape Town', 'South Africa'],
  'ap-east-1': ['Hong Kong', 'Hong Kong'],
  'ap-northeast-1': ['Tokyo', 'Japan'],
  'ap-northeast-2': ['Seoul', 'South Korea'],
  'ap-northeast-3': ['Osaka', 'Japan'],
  'ap-south-1': ['Mumbai', 'India'],
  'ap-south-2': ['Hyderabad', 'India'],
  'ap-southeast-1': ['Singapore', 'Singapore'],
  'ap-southeast-2': ['Sydney', 'Australia'],
  'ap-southeast-3': ['Jakarta', 'Indonesia'],
  'ap-southeast-5': ['Kuala Lumpur', 'Malaysia'],
  'ca-central-1': ['Montreal', 'Canada'],
  'eu-central-1': ['Frankfurt', 'Germany'],
  'eu-central-2': ['Zurich', 'Switzerland'],
  'eu-north-1': ['Stockholm', 'Sweden'],
  'eu-south-1': ['Milan', 'Italy'],
  'eu-south-2': ['Aragon', 'Spain'],
  'eu-west-1': ['Dublin', 'Ireland'],
  'eu-west-2': ['London', 'United Kingdom'],
  'eu-west-3': ['Paris', 'France'],
  'il-central-1': ['Tel Aviv', 'Israel'],
  'me-central-1': ['United Arab Emirates', 'United Arab Emirates'],
  'me-south-1': ['Bahrain', 'Bahrain'],
  'sa-east-1': ['Sao Paulo', 'Brazil'],
  'us-east-1': ['Northern Virginia', 'United States'],
  'us-east-2': ['Ohio', 'United States'],
  'us-gov-east-1': ['GovCloud (US-East)', 'United States'],
  'us-gov-west-1': ['GovCloud (US-West)', 'United States'],
  'us-west-1': ['Northern California', 'United States'],
  'us-west-2': ['Oregon', 'United States'],
};

/** AWS Local Zone city codes outside their parent region's country. */
export const AWS_ZONE_COUNTRIES: Readonly<Record<string, readonly [city: string, country: string]>> = {
  lim: ['Lima', 'Peru'],
  qro: ['Queretaro', 'Mexico'],
  scl: ['Santiago', 'Chile'],
  bkk: ['Bangkok', 'Thailand'],
  mnl: ['Manila', 'Philippines'],
  tpe: ['Taipei', 'Taiwan'],
  los: ['Lagos', 'Nigeria'],
  mct: ['Muscat', 'Oman'],
  akl: ['Auckland', 'New Zealand'],
  cph: ['Copenhagen', 'Denmark'],
  hel: ['Helsinki', 'Finland'],
  waw: ['Warsaw', 'Poland'],
};

export const GCP_REGIONS: Readonly<Record<string, readonly [city: string, country: string]>> = {
  'asia-east1': ['Changhua County', 'Taiwan'],
  'asia-northeast1': ['Tokyo', 'Japan'],
  'asia-northeast3': ['Seoul', 'South Korea'],
  'asia-south1': ['Mumbai', 'India'],
  'asia-south2': ['Delhi', 'India'],
  'asia-southeast1': ['Jurong West', 'Singapore'],
  'australia-southeast1': ['Sydney', 'Australia'],
  'europe-north1': ['Hamina', 'Finland'],
  'europe-west1': ['St. Ghislain', 'Belgium'],
  'europe-west2': ['London', 'United Kingdom'],
  'europe-west3': ['Frankfurt', 'Germany'],
  'europe-west4': ['Eemshaven', 'Netherlands'],
  'europe-west9': ['Paris', 'France'],
  'me-west1': ['Tel Aviv', 'Israel'],
  'northamerica-northeast2': ['Toronto', 'Canada'],
  'us-central1': ['Council Bluffs, Iowa', 'United States'],
  'us-east1': ['Moncks Corner, South Carolina', 'United States'],
  'us-east4': ['Ashburn, Virginia', 'United States'],
  'us-east5': ['Columbus, Ohio', 'United States'],
  'us-south1': ['Dallas, Texas', 'United States'],
  'us-west1': ['The Dalles, Oregon', 'United States'],
  'us-west2': ['Los Angeles, California', 'United States'],
  'us-west3': ['Salt Lake City, Utah', 'United States'],
  'us-west4': ['Las Vegas, Nevada', 'United States'],
};

/** The city (null for a zone this table does not place) and country of an AWS region or zone code, or null. */
export function awsLocation(code: string): { city: string | null; country: string } | null {
  const match = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)(?:-(?:wl\d-)?([a-z]{3})\d?(?:-\d)?)?(?:-wl\d)?$/.exec(code);
  const parent = match ? AWS_REGIONS[match[1]!] : undefined;
  if (!match || !parent) return null;
  const zone = match[2] ? AWS_ZONE_COUNTRIES[match[2]] : undefined;
  if (zone) return { city: zone[0], country: zone[1] };
  return { city: match[2] || code !== match[1] ? null : parent[0], country: parent[1] };
}
