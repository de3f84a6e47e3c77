import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'on' || v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every environment variable the server reads, parsed and validated once. Documented in the README. */
const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'must start with neo4j:// or bolt://')
      .optional(),
    NEO4J_USER: z.string().default('neo4j'),
    NEO4J_PASSWORD: z.string().default(''),
    NEO4J_DATABASE: z.string().default('neo4j'),
    NEO4J_DATA_DIR: z.string().default('.data/neo4j'),
    NEO4J_BOLT_PORT: z.coerce.number().int().min(0).max(65535).default(7687),
    NEO4J_HEAP: z
      .string()
      .regex(/^\d+[mg]$/, 'like 2g or 512m')
      .default('2g'),
    NEO4J_PAGECACHE_MB: z.coerce.number().int().min(16).default(512),
    NEO4J_POOL_SIZE: z.coerce.number().int().min(1).default(50),
    SEED: z.enum(['auto', 'always', 'never']).default('auto'),
    GRAPH: z.enum(['full', 'seed']).default('full'),
    TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    MAX_DEPTH: z.coerce.number().int().min(1).default(12),
    MAX_COMPLEXITY: z.coerce.number().int().min(1).default(20_000),
    MAX_ALIASES: z.coerce.number().int().min(1).default(30),
    MAX_TOKENS: z.coerce.number().int().min(10).default(5_000),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).default(100),
    BODY_LIMIT: z.string().default('256kb'),
    INTROSPECTION: bool.default(true),
    PLAYGROUND: bool.default(true),
    READS_REQUIRE_AUTH: bool.default(false),
    API_KEYS: list.default([]),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    CORS_ORIGINS: list.default([]),
    WRITE_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(60),
    ANALYSIS_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(300),
    MAX_NEIGHBORHOOD_DEPTH: z.coerce.number().int().min(1).max(6).default(4),
    NEIGHBORHOOD_HUB_DEGREE: z.coerce.number().int().min(1).default(1_000),
    MAX_PATH_LENGTH: z.coerce.number().int().min(1).max(10).default(6),
    MAX_PATHS: z.coerce.number().int().min(1).default(50),
    MAX_ANALYSIS_RESULTS: z.coerce.number().int().min(1).default(500),
    ANALYSIS_TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).optional(),
    ANALYSIS_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).default(2_000),
    CLIENT_ANALYSIS_IN_FLIGHT: z.coerce.number().int().min(1).default(64),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(10_000),
    MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1_000),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    AUDIT_VISIBILITY: z.enum(['editors', 'public']).default('editors'),
    KEY_FINGERPRINT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_MAX_AGE_S: z.coerce.number().int().min(60).default(86_400),
    FEDERATION: bool.default(false),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d+|[\w.:/, -]+)$/, 'true, false, a hop count or addresses')
      .default('false'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url('must be a URL such as http://localhost:4318').optional(),
    OTEL_SERVICE_NAME: z.string().default('compute-atlas'),
    CACHE_MAX_AGE_S: z.coerce.number().int().min(0).default(5),
    HTTP_CACHE_SEQUENCE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    TRUSTED_DOCUMENTS: z.string().min(1).optional(),
    RESPONSE_CACHE: onOff.default(false),
    RESPONSE_CACHE_MB: z.coerce.number().int().min(1).max(4_096).default(32),
    LIVE_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(200),
    LIVE_QUEUE_LIMIT: z.coerce.number().int().min(1).default(1_000),
    LIVE_BUFFER_BYTES: z.coerce.number().int().min(1_024).default(1_048_576),
    LIVE_MAX_SUBSCRIBERS: z.coerce.number().int().min(1).default(5_000),
  })
  .transform((c) => ({
    ...c,
    // Analysis may hold at most half the driver pool by default, so plain reads always find connections.
    ANALYSIS_CONCURRENCY: c.ANALYSIS_CONCURRENCY ?? Math.max(1, Math.floor(c.NEO4J_POOL_SIZE / 2)),
  }));

export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws one error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}\nFix these environment variables (see README, Configuration).`);
  }
  return result.data;
}
