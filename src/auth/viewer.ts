import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify } from 'jose';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { GraphContext, Viewer } from '../context.js';

/** The role a caller needs to write. API keys always carry it; a JWT carries it in its `roles` claim. */
export const EDITOR_ROLE = 'editor';

type AuthConfig = Pick<Config, 'API_KEYS' | 'JWT_SECRET'>;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** A short, stable fingerprint of a key for the audit trail; the key itself is never stored or logged. */
export const keyFingerprint = (key: string): string => digest(key).toString('hex').slice(0, 12);

function matchesApiKey(candidate: string, keys: readonly string[]): boolean {
  const given = digest(candidate);
  // Compare every key in constant time so timing does not reveal which one (or how much of one) matched.
  return keys.reduce((found, key) => timingSafeEqual(given, digest(key)) || found, false);
}

/** The credential a request presents: the `x-api-key` header, else the `Authorization: Bearer` token. */
export function credentialOf(headers: IncomingHttpHeaders): string | null {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

async function viewerFromJwt(token: string, secret: string | undefined): Promise<Viewer | null> {
  if (!secret) return null;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { id: `jwt:${payload.sub ?? 'anonymous'}`, roles };
  } catch {
    return null; // Expired, badly signed or malformed: the caller is simply not authenticated.
  }
}

/**
 * Who is calling: an API key from API_KEYS (editor), or an HS256 JWT signed with JWT_SECRET (its `roles` claim).
 * Returns null for no or invalid credentials; never throws for them, so reads stay open.
 */
export async function resolveViewer(req: { headers: IncomingHttpHeaders }, config: AuthConfig): Promise<Viewer | null> {
  const credential = credentialOf(req.headers);
  if (!credential) return null;
  if (config.API_KEYS.length && matchesApiKey(credential, config.API_KEYS)) {
    return { id: `api-key:${keyFingerprint(credential)}`, roles: [EDITOR_ROLE] };
  }
  return viewerFromJwt(credential, config.JWT_SECRET);
}

/** Throws UNAUTHENTICATED without credentials and FORBIDDEN without the editor role; returns the editor. */
export function requireEditor(ctx: Pick<GraphContext, 'viewer'>): Viewer {
  const viewer = ctx.viewer;
  if (!viewer) {
    throw new AppError('UNAUTHENTICATED', 'Writing needs credentials: send an API key in the x-api-key header or a JWT as Authorization: Bearer <token>.');
  }
  if (!viewer.roles.includes(EDITOR_ROLE)) {
    throw new AppError('FORBIDDEN', `Writing needs the "${EDITOR_ROLE}" role; the token presented does not carry it.`);
  }
  return viewer;
}

/** Throws UNAUTHENTICATED when READS_REQUIRE_AUTH is on and the caller presented no valid credentials. */
export function requireReader(ctx: Pick<GraphContext, 'viewer' | 'config'>): void {
  if (ctx.config.READS_REQUIRE_AUTH && !ctx.viewer) {
    throw new AppError('UNAUTHENTICATED', 'Reading needs credentials on this server (READS_REQUIRE_AUTH): send an API key or a JWT.');
  }
}
