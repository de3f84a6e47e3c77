import type { Logger } from 'pino';

/** The phases of a start and how long each took, in milliseconds: logged as each ends, summed up in the ready line. */
export interface StartPhases {
  readonly ms: Readonly<Record<string, number>>;
  /** Runs one phase, logging `{ phase, ms }` when it ends (and, failing, when it failed). */
  time<T>(name: string, run: () => Promise<T>, fields?: (result: T) => Record<string, unknown>): Promise<T>;
  /** Records a phase measured elsewhere (the local Neo4j times its own start). */
  record(name: string, ms: number, fields?: Record<string, unknown>): void;
}

export function startPhases(log: Logger): StartPhases {
  const ms: Record<string, number> = {};
  const record = (name: string, took: number, fields: Record<string, unknown> = {}): void => {
    ms[name] = Math.round(took);
    log.info({ phase: name, ms: ms[name], ...fields }, `start: ${name}`);
  };
  return {
    ms,
    record,
    async time(name, run, fields) {
      const startedAt = performance.now();
      const result = await run();
      record(name, performance.now() - startedAt, fields?.(result));
      return result;
    },
  };
}
