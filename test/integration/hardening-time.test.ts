import { describe, expect, it } from 'vitest';
import { queryScope } from '../../src/db/database.js';
import { AppError } from '../../src/errors.js';
import { useTestServer } from './harness.js';

/** Ten billion rows from two small lists: runs for minutes in constant memory unless it is stopped. */
const ENDLESS = 'UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n';

const server = useTestServer();

/** Our transactions still running in Neo4j that run the endless query. */
async function running(): Promise<number> {
  const session = server.db.driver.session();
  try {
    const result = await session.run(
      "SHOW TRANSACTIONS YIELD currentQuery, metaData WHERE metaData.app = 'compute-atlas' AND currentQuery CONTAINS 'range(1, 100000)' RETURN count(*) AS n",
    );
    return result.records[0]!.get('n').toNumber();
  } finally {
    await session.close();
  }
}

async function untilGone(): Promise<number> {
  for (let i = 0; i < 100 && (await running()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return running();
}

describe('deadlines and cancellation', () => {
  it('ends a transaction at the request deadline with TIMEOUT, and Neo4j stops running it', async () => {
    const scope = { signal: new AbortController().signal, deadline: Date.now() + 1_000 };
    await expect(queryScope.run(scope, () => server.db.read((tx) => tx.run(ENDLESS)))).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(await untilGone()).toBe(0);
  });

  it('cancels the transaction of a request whose client went away, and terminates it in Neo4j', async () => {
    const controller = new AbortController();
    const scope = { signal: controller.signal, deadline: Date.now() + 600_000 };
    const pending = queryScope.run(scope, () => server.db.read((tx) => tx.run(ENDLESS)));
    for (let i = 0; i < 100 && (await running()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await running()).toBe(1);
    controller.abort(new AppError('TIMEOUT', 'The client closed the connection; its queries were cancelled.'));
    await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/client closed/) });
    expect(await untilGone()).toBe(0);
  });

  it('refuses to start a transaction after the deadline has passed', async () => {
    const scope = { signal: new AbortController().signal, deadline: Date.now() - 1 };
    await expect(queryScope.run(scope, () => server.db.read((tx) => tx.run('RETURN 1')))).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
