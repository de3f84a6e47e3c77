import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify } from 'jose';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { GraphContext, Viewer } from '../context.js';

/** The role a caller needs to write. API keys always carry it; a JWT carries it in its `roles` claim. */
export const EDITOR_ROLE = 'editor';

type AuthConfig = Pick<Config, 'API_KEYS' | 'JWT_SECRET'> & Partial<Pick<Config, 'KEY_FINGERPRINT_SECRET' | 'JWT_MAX_AGE_S'>>;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Used when neither KEY_FINGERPRINT_SECRET nor JWT_SECRET is set: fingerprints then hold for this process only. */
const PROCESS_SECRET = randomBytes(32).toString('hex');

/**
 * A short fingerprint of a key for the audit trail: an HMAC with a server secret, so a weak key cannot be
 * confirmed offline from it. The key itself is never stored or logged.
 */
export const keyFingerprint = (key: string, secret: string): string => createHmac('sha256', secret).update(`api-key:${key}`).digest('hex').slice(0, 12);

/** An API_KEYS entry: `name:key` names the key (the audit trail shows the name), a bare key is unnamed. */
const parseKey = (entry: string): { name: string | null; key: string } => {
  const named = /^([\w.-]{1,64}):(.+)$/.exec(entry);
  return named ? { name: named[1]!, key: named[2]! } : { name: null, key: entry };
};

/** The API_KEYS entry the candidate matches, or null. */
function matchApiKey(candidate: string, entries: readonly string[]): { name: string | null; key: string } | null {
  const given = digest(candidate);
  // Compare every key in constant time so timing does not reveal which one (or how much of one) matched.
  return entries.map(parseKey).reduce<{ name: string | null; key: string } | null>((found, k) => (timingSafeEqual(given, digest(k.key)) ? k : found), null);
}

/** The credential a request presents: the `x-api-key` header, else the `Authorization: Bearer` token. */
export function credentialOf(headers: IncomingHttpHeaders): string | null {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** Whether a token's lifetime is within maxAge seconds: `exp` no further ahead, `iat` (when given) no further back. */
const withinMaxAge = (payload: { exp?: number; iat?: number }, maxAge: number): boolean => {
  const now = Date.now() / 1000;
  return payload.exp! - now <= maxAge && (payload.iat === undefined || now - payload.iat <= maxAge);
};

async function viewerFromJwt(token: string, secret: string | undefined, maxAge: number): Promise<Viewer | null> {
  if (!secret) return null;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], requiredClaims: ['exp'] });
    if (!withinMaxAge(payload, maxAge)) return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { id: `jwt:${payload.sub ?? 'anonymous'}`, roles };
  } catch {
    return null; // Expired, badly signed or malformed: the caller is simply not authenticated.
  }
}

/**
 * Who is calling: an API key from API_KEYS (editor), or an HS256 JWT signed with JWT_SECRET (its `roles` claim),
 * with an `exp` at most JWT_MAX_AGE_S ahead.
 * Returns null for no or invalid credentials; never throws for them, so reads stay open.
 */
export async function resolveViewer(req: { headers: IncomingHttpHeaders }, config: AuthConfig): Promise<Viewer | null> {
  const credential = credentialOf(req.headers);
  if (!credential) return null;
  const key = config.API_KEYS.length ? matchApiKey(credential, config.API_KEYS) : null;
  if (key) {
    const secret = config.KEY_FINGERPRINT_SECRET ?? config.JWT_SECRET ?? PROCESS_SECRET;
    return { id: `api-key:${key.name ?? keyFingerprint(key.key, secret)}`, roles: [EDITOR_ROLE] };
  }
  return viewerFromJwt(credential, config.JWT_SECRET, config.JWT_MAX_AGE_S ?? 86_400);
}

/**
 * Why a request without a viewer is refused: a credential was sent but matched no API key and no valid JWT
 * (rejected), or none was sent (missing). The caller then knows whether to fix the key or to add one.
 */
export function credentialProblem(action: 'Writing' | 'Reading', presented: boolean | undefined): string {
  if (presented) {
    return (
      `${action} was refused: the API key or token sent was rejected (it is not one this server accepts, or the JWT is ` +
      'expired or badly signed). Check the x-api-key header for a typo or a revoked key, or ask for a new key or token.'
    );
  }
  return `${action} needs credentials: send an API key in the x-api-key header or a JWT as Authorization: Bearer <token>.`;
}

/** Throws UNAUTHENTICATED without valid credentials (saying whether they were missing or rejected) and FORBIDDEN without the editor role. */
export function requireEditor(ctx: Pick<GraphContext, 'viewer' | 'credentialPresented'>): Viewer {
  const viewer = ctx.viewer;
  if (!viewer) throw new AppError('UNAUTHENTICATED', credentialProblem('Writing', ctx.credentialPresented));
  if (!viewer.roles.includes(EDITOR_ROLE)) {
    throw new AppError('FORBIDDEN', `Writing needs the "${EDITOR_ROLE}" role; the token presented does not carry it.`);
  }
  return viewer;
}

/** Throws UNAUTHENTICATED when READS_REQUIRE_AUTH is on and the caller presented no valid credentials. */
export function requireReader(ctx: Pick<GraphContext, 'viewer' | 'config' | 'credentialPresented'>): void {
  if (ctx.config.READS_REQUIRE_AUTH && !ctx.viewer) {
    const problem = ctx.credentialPresented
      ? credentialProblem('Reading', true)
      : 'Reading needs credentials on this server (READS_REQUIRE_AUTH): send an API key or a JWT.';
    throw new AppError('UNAUTHENTICATED', problem);
  }
}
