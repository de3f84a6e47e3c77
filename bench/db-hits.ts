import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';

/** Database hits and rows of one request's statements, summed over them, from PROFILE. */
export interface DbHits {
  /** Mean over the profiled requests of the db hits of all the request's statements. */
  readonly dbHits: number;
  /** Mean over the profiled requests of the rows the statements returned. */
  readonly rows: number;
  /** Statements per request (mean). */
  readonly statements: number;
  /** How many of the operation's requests were profiled. */
  readonly requests: number;
}

export interface Statement {
  readonly query: string;
  readonly params: Record<string, unknown>;
}

const hitsOf = (plan: ProfiledPlan): number => plan.dbHits + plan.children.reduce((a, c) => a + hitsOf(c), 0);

/**
 * PROFILEs the statements of each request once, in order, on a read session, and returns the means per request.
 * PROFILE runs the statement to completion, so the hits are those of the whole answer.
 */
export async function profileRequests(driver: Driver, requests: readonly (readonly Statement[])[]): Promise<DbHits> {
  let hits = 0;
  let rows = 0;
  let statements = 0;
  for (const request of requests) {
    for (const s of request) {
      const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.run(`PROFILE ${s.query}`, s.params);
        hits += result.summary.profile ? hitsOf(result.summary.profile as ProfiledPlan) : 0;
        rows += result.records.length;
        statements += 1;
      } finally {
        await session.close();
      }
    }
  }
  const n = Math.max(requests.length, 1);
  return { dbHits: Math.round(hits / n), rows: +(rows / n).toFixed(1), statements: +(statements / n).toFixed(1), requests: requests.length };
}
