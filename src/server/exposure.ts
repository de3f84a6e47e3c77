import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { resolveViewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { sendErrors } from './format-error.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Guards /metrics: with METRICS_TOKEN set it needs `Authorization: Bearer <METRICS_TOKEN>`; else, with
 * READS_REQUIRE_AUTH on, the credentials reads need (an API key or a valid JWT); else it is open.
 */
export function metricsGuard(config: Config): RequestHandler {
  const token = config.METRICS_TOKEN;
  return async (req, res, next) => {
    if (token) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (timingSafeEqual(digest(given), digest(token))) return next();
    } else if (!config.READS_REQUIRE_AUTH || (await resolveViewer(req, config))) {
      return next();
    }
    res.set('www-authenticate', 'Bearer');
    sendErrors(res, 401, [
      {
        code: 'UNAUTHENTICATED',
        message: token ? 'Metrics need the METRICS_TOKEN as Authorization: Bearer <token>.' : 'Metrics need credentials on this server (READS_REQUIRE_AUTH).',
      },
    ]);
  };
}

/** Query-string parameters whose values are credentials, or look like them: never written to a log. */
const SECRET_PARAM = /key|token|auth|secret|pass|jwt|session|cookie|bearer|credential/i;

/** A URL with the values of credential-like query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  let changed = false;
  for (const name of new Set(params.keys())) {
    if (!SECRET_PARAM.test(name)) continue;
    params.set(name, '[redacted]');
    changed = true;
  }
  return changed ? `${url.slice(0, at)}?${params.toString()}` : url;
}

type SerializedRequest = { url?: string; query?: Record<string, unknown>; headers?: Record<string, unknown> } & Record<string, unknown>;

/**
 * pino-http's request serializer with credentials taken out: credential-like query parameters (in the URL and
 * the parsed query), cookies, the API key and the Authorization header.
 */
export function redactedRequest(req: SerializedRequest): SerializedRequest {
  const headers = { ...req.headers };
  for (const name of ['authorization', 'x-api-key', 'cookie']) if (name in headers) headers[name] = '[redacted]';
  const query = req.query && Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, SECRET_PARAM.test(k) ? '[redacted]' : v]));
  return { ...req, url: req.url && redactUrl(req.url), query, headers };
}
