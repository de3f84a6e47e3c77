import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { bundleServer } from '../../scripts/bundle-server.js';
import { projectRoot } from '../../src/project-root.js';

const run = promisify(execFile);
const ENTRY = ['--import', 'tsx', 'src/index.ts'];

/** Starts the real entry point with `env` and returns its exit code and stderr (it is expected to fail). */
async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ENTRY, { cwd: projectRoot(), env: { ...process.env, LOG_LEVEL: 'silent', SEED: 'never', ...env }, timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('start-up errors', () => {
  it('names an unreachable NEO4J_URI and what to do, and exits non-zero', async () => {
    const { code, stderr } = await start({ NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toContain('Neo4j at bolt://127.0.0.1:1 is unreachable');
    expect(stderr).toMatch(/unset NEO4J_URI/);
  });

  it('names every invalid variable', async () => {
    const { code, stderr } = await start({ NEO4J_URI: 'http://x', PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/NEO4J_URI: must start with neo4j:\/\/ or bolt:\/\//);
    expect(stderr).toMatch(/PORT:/);
  });

  it('says the port is in use, and exits non-zero', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await start({ NEO4J_URI: inject('neo4jUri'), PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} is in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('shutdown', () => {
  // The entry point as `npm start` runs it (node --import tsx), and as `npm run start:dist` runs the production bundle.
  const launchers: [string, () => Promise<[string, string[]]>][] = [
    ['the TypeScript entry point', async () => [process.execPath, ENTRY]],
    ['the production bundle', async () => [process.execPath, [await bundleServer(projectRoot(), path.join(projectRoot(), '.cache', 'test', 'server.mjs'))]]],
  ];

  it.each(launchers)('stops %s cleanly on SIGINT after serving a request, exiting 0', async (_name, launcher) => {
    const { spawn } = await import('node:child_process');
    const [command, args] = await launcher();
    const child = spawn(command, args, {
      cwd: projectRoot(),
      env: { ...process.env, NEO4J_URI: inject('neo4jUri'), SEED: 'never', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /"url":"(http:\/\/localhost:\d+)\/graphql"/.exec(out);
        if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "nvidia-h100") { id } }' }),
    });
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('"msg":"stopped"');
  });
});
