import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

const run = promisify(execFile);
const TSX = path.join(projectRoot(), 'node_modules', '.bin', 'tsx');

/** Starts the real entry point with `env` and returns its exit code and stderr (it is expected to fail). */
async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(TSX, ['src/index.ts'], { cwd: projectRoot(), env: { ...process.env, LOG_LEVEL: 'silent', SEED: 'never', ...env }, timeout: 60_000 });
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
