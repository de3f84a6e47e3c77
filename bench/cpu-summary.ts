import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './processes.js';

/**
 * `npx tsx bench/cpu-summary.ts [file.cpuprofile]`: where our server spends its CPU under the benchmark (from a
 * `npm run bench -- --profile` run): self time per package (or per project folder) and the hottest functions.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function latestProfile(): string {
  const dir = path.join(cacheDir(), 'profiles');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  const latest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!latest) throw new Error(`No .cpuprofile in ${dir}; run npm run bench -- --profile first.`);
  return latest;
}

/** node_modules/<package>, or the project folder, or the node internals a frame belongs to. */
function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  if (!url) return '(native / gc / idle)';
  return url.includes('/.cache/bench/') ? 'ours (src, bundled)' : url.replace(/^file:\/\//, '');
}

function top(map: Map<string, number>, total: number, n: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
}

function main(): void {
  const file = process.argv[2] ?? latestProfile();
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits || node.callFrame.functionName === '(idle)') continue;
    total += hits;
    const who = owner(node.callFrame.url);
    byOwner.set(who, (byOwner.get(who) ?? 0) + hits);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${who}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  process.stdout.write(
    `${file}\n\nSelf time by owner (idle excluded):\n${top(byOwner, total, 15).join('\n')}\n\nHottest functions:\n${top(byFunction, total, 25).join('\n')}\n`,
  );
}

main();
