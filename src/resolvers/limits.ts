import { AppError, badInput } from '../errors.js';

/** Checks a page size against the configured cap; too large is QUERY_TOO_COMPLEX, naming the cap. */
export function pageSize(first: number | null | undefined, max: number, fallback = 20): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 0) throw badInput(`"first" must be a whole number of 0 or more; got ${value}.`, { argument: 'first' });
  if (value > max) {
    throw new AppError('QUERY_TOO_COMPLEX', `"first" may be at most ${max}; got ${value}. Page through with "after".`, {
      limit: max,
      value,
      argument: 'first',
    });
  }
  return value;
}
