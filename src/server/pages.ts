import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Config } from '../config.js';
import { projectRoot } from '../project-root.js';

/**
 * The pages may load only what this server serves and talk only to it: no CDN, no third-party request. Monaco
 * and GraphiQL set inline styles and ship fonts as data: URLs, hence those two allowances.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Compute Atlas</title><p>The browser bundles are not built. ' +
  'Run <code>npm run build:web</code> (npm start and npm test do it for you), then reload. ' +
  'The API itself answers POST /graphql.</p>';

/** Content-hashed names never change content: browsers may keep them for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Sends the .gz the build wrote beside a script or stylesheet when the client accepts gzip (a third of the bytes). */
function sendPrecompressed(assetsDir: string): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || !/\.(js|css|ttf)$/.test(req.path) || !req.acceptsEncodings('gzip')) return next();
    const relative = `${req.path.slice(1)}.gz`;
    if (relative.includes('..') || !existsSync(path.join(assetsDir, relative))) return next();
    res.setHeader('content-encoding', 'gzip');
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('cache-control', IMMUTABLE);
    res.setHeader('x-content-type-options', 'nosniff');
    res.type(path.extname(req.path));
    res.sendFile(relative, { root: assetsDir, cacheControl: false }, (error) => error && next(error));
  };
}

/** True when the client would rather have a page than JSON: a browser navigating to the URL. */
function prefersHtml(req: express.Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * Mounts the playground (GET / and browser GETs of /graphql), the explorer (GET /explore) and their bundled
 * assets (/assets, content-hashed, cached for a year). Call it before the GraphQL middleware: it only answers
 * GET /graphql when the client prefers HTML and passes everything else on. Does nothing when PLAYGROUND=false.
 */
export function mountPages(app: express.Express, config: Config, publicDir = path.join(projectRoot(), 'public')): void {
  if (!config.PLAYGROUND) return;
  const sendPage =
    (file: string): express.RequestHandler =>
    (_req, res) => {
      const full = path.join(publicDir, file);
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cache-control', 'no-cache');
      if (!existsSync(full)) return void res.status(503).type('html').send(NOT_BUILT);
      res.sendFile(full);
    };
  const playground = sendPage('playground.html');
  app.get('/', playground);
  app.get('/graphql', (req, res, next) => (prefersHtml(req) ? playground(req, res, next) : next()));
  app.get(['/explore', '/explore/'], sendPage('explorer.html'));
  const assetsDir = path.join(publicDir, 'assets');
  app.use('/assets', sendPrecompressed(assetsDir));
  app.use(
    '/assets',
    express.static(assetsDir, {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res, file) => {
        res.setHeader('x-content-type-options', 'nosniff');
        if (path.basename(file) === 'manifest.json') res.setHeader('cache-control', 'no-cache');
      },
    }),
  );
  app.use('/assets', (_req, res) => void res.status(404).type('text').send('No such asset. Reload the page: the bundles may have been rebuilt.\n'));
}
