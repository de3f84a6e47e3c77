#!/usr/bin/env node
/**
 * Bundles the playground (GraphiQL + its Monaco workers) and the explorer (cytoscape) into public/assets/, with
 * content-hashed names, and writes public/playground.html and public/explorer.html pointing at them.
 *
 *   node web/build.mjs           build when a source is newer than the last build (fast no-op otherwise)
 *   node web/build.mjs --force   always build
 *   node web/build.mjs --sizes   print the size of every bundle (raw and gzip)
 *
 * Nothing is fetched at run time from anywhere but the server itself: no CDN.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'web');
const publicDir = path.join(root, 'public');
const assetsDir = path.join(publicDir, 'assets');
const manifestFile = path.join(assetsDir, 'manifest.json');

const WORKERS = {
  editorWorker: 'monaco-editor/esm/vs/editor/editor.worker.js',
  jsonWorker: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphqlWorker: 'monaco-graphql/esm/graphql.worker.js',
};

/** Newest modification time among the files the bundles are built from. */
function newestInput() {
  const files = [path.join(root, 'package-lock.json'), path.join(root, 'src/graph/ontology.ts')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(webDir);
  // The explorer bundles the typed client's sources too.
  walk(path.join(root, 'clients/typescript/src'));
  return Math.max(...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
}

function upToDate() {
  if (!existsSync(manifestFile)) return false;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const outputs = [...Object.values(manifest.initial).flat(), 'playground.html', 'explorer.html'];
  if (!outputs.every((f) => existsSync(path.join(publicDir, f)))) return false;
  return statSync(manifestFile).mtimeMs >= newestInput();
}

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['chrome111', 'firefox111', 'safari16'],
  outdir: assetsDir,
  publicPath: '/assets',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
  legalComments: 'none',
};

const publicPathOf = (out) => '/' + path.relative(publicDir, path.join(root, out)).split(path.sep).join('/');

/**
 * Maps each entry point name to the public path of its output file, and `<name>Initial` to every file the
 * page loads before it can render (the entry, its static imports, all CSS, since esbuild leaves the CSS of
 * lazily imported chunks for the page to link).
 */
function outputsOf(metafile, entries) {
  const files = {};
  const initial = {};
  const staticClosure = (out, seen = new Set()) => {
    if (seen.has(out)) return seen;
    seen.add(out);
    for (const imp of metafile.outputs[out]?.imports ?? []) if (imp.kind === 'import-statement') staticClosure(imp.path, seen);
    return seen;
  };
  const seenCss = new Set();
  const allCss = Object.keys(metafile.outputs).filter((o) => {
    if (!o.endsWith('.css')) return false;
    // Several lazy chunks carry the same Monaco CSS; link each distinct file once.
    const content = readFileSync(path.join(root, o), 'utf8');
    if (seenCss.has(content)) return false;
    seenCss.add(content);
    return true;
  });
  for (const [name, source] of Object.entries(entries)) {
    const [out, info] = Object.entries(metafile.outputs).find(([o, i]) => i.entryPoint?.endsWith(source) && o.endsWith('.js'));
    files[name] = publicPathOf(out);
    const css = allCss.filter((c) => c === info.cssBundle || (c.includes('/chunks/') && name === 'playground'));
    initial[name] = [...staticClosure(out), ...css].map(publicPathOf);
    files[`${name}Styles`] = css.map((c) => `<link rel="stylesheet" href="${publicPathOf(c)}" />`).join('\n    ');
  }
  return { files, initial };
}

function page(template, files) {
  return readFileSync(path.join(webDir, template), 'utf8').replace(/\{\{(\w+)\}\}/g, (_m, key) => {
    if (!files[key]) throw new Error(`web/${template} names {{${key}}}, which the build did not produce`);
    return files[key];
  });
}

export async function build({ force = false } = {}) {
  if (!force && upToDate()) return JSON.parse(readFileSync(manifestFile, 'utf8'));
  // esbuild is a dev dependency: imported here so that a production install with prebuilt bundles needs none.
  const esbuild = await import('esbuild');
  rmSync(assetsDir, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });
  const pageEntries = { playground: 'web/playground/main.tsx', explorer: 'web/explorer/main.ts' };
  const app = await esbuild.build({
    ...common,
    absWorkingDir: root,
    entryPoints: pageEntries,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    jsx: 'automatic',
  });
  const workers = await esbuild.build({
    ...common,
    absWorkingDir: root,
    entryPoints: WORKERS,
    format: 'iife',
  });
  const pages = outputsOf(app.metafile, pageEntries);
  const files = { ...pages.files, ...outputsOf(workers.metafile, WORKERS).files };
  writeFileSync(path.join(publicDir, 'playground.html'), page('playground/index.html', files));
  writeFileSync(path.join(publicDir, 'explorer.html'), page('explorer/index.html', files));
  precompress(assetsDir);
  const manifest = { builtAt: new Date().toISOString(), files, initial: pages.initial };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Writes a .gz beside every script, stylesheet and font, which the server sends to clients that accept gzip. */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(full);
    else if (/\.(js|css|ttf)$/.test(entry.name)) writeFileSync(`${full}.gz`, gzipSync(readFileSync(full), { level: 9 }));
  }
}

/** Raw and gzip sizes of every file under public/assets, largest first. */
export function sizes() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'manifest.json' && !entry.name.endsWith('.gz')) files.push(full);
    }
  };
  walk(assetsDir);
  return files
    .map((f) => {
      const bytes = readFileSync(f);
      return { file: path.relative(assetsDir, f), bytes: bytes.length, gzip: gzipSync(bytes).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** What each page downloads before its first render, summed (raw and gzip). */
export function initialSizes(manifest) {
  return Object.entries(manifest.initial).map(([page, list]) => {
    let bytes = 0;
    let gzip = 0;
    for (const f of list) {
      const content = readFileSync(path.join(publicDir, f));
      bytes += content.length;
      gzip += gzipSync(content).length;
    }
    return { page, files: list.length, bytes, gzip };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const force = process.argv.includes('--force');
  const skipped = !force && upToDate();
  let manifest;
  try {
    manifest = await build({ force });
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    process.stderr.write(`web bundles not built: ${error.message}. Install the dev dependencies (npm ci) to build them; the API works without.\n`);
    process.exit(0);
  }
  const ms = Math.round(performance.now() - started);
  process.stdout.write(skipped ? `web bundles up to date (public/assets)\n` : `web bundles built in ${ms} ms (public/assets)\n`);
  if (process.argv.includes('--sizes')) {
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    for (const s of sizes()) process.stdout.write(`  ${s.file.padEnd(40)} ${kb(s.bytes).padStart(12)} ${kb(s.gzip).padStart(12)} gzip\n`);
    for (const s of initialSizes(manifest)) process.stdout.write(`  ${s.page} before first render: ${s.files} files, ${kb(s.bytes)}, ${kb(s.gzip)} gzip\n`);
  }
}
