import type { GraphQLResolveInfo } from 'graphql';
import type { GraphContext } from '../context.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { isEntityKind, type EntityKind } from '../graph/ontology.js';
import { entitiesByIds, searchEntities } from '../store/entity-store.js';

/** An entity a mistyped id may have meant: sent as `extensions.suggestions`. */
export interface Suggestion {
  readonly id: string;
  readonly name: string;
}

/** How many "did you mean" candidates an unknown-id error carries. */
const MAX_SUGGESTIONS = 3;

/**
 * Up to three entities (of the given kinds) closest to an id that named none, by the full-text search the
 * `search` query uses: an id's words ("nvidia-h10") match names, aliases and ids, with typos allowed.
 */
export async function suggestionsFor(db: Database, id: string, kinds: readonly EntityKind[] | null): Promise<Suggestion[]> {
  try {
    const hits = await searchEntities(db, id, kinds, MAX_SUGGESTIONS);
    return hits.map((h) => ({ id: h.node.id, name: h.node.name }));
  } catch {
    return []; // An id the search refuses (a word too long) simply gets no suggestions; the original error stands.
  }
}

/**
 * Runs a resolver and, when it fails because an id names no entity (an AppError whose details carry
 * `unknownId`), adds a "did you mean" to the message and the candidates as `extensions.suggestions`.
 */
export async function withSuggestions<T>(db: Database, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || typeof error.details.unknownId !== 'string') throw error;
    const { unknownId, unknownKinds, ...details } = error.details;
    const kinds = Array.isArray(unknownKinds) ? unknownKinds.filter((k): k is EntityKind => typeof k === 'string' && isEntityKind(k)) : null;
    const suggestions = await suggestionsFor(db, unknownId, kinds);
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s.id}" (${s.name})`).join(', ')}?` : ' Search for it with the search query.';
    const sentence = /[.?!]$/.test(error.message) ? error.message : `${error.message}.`;
    throw new AppError(error.code, `${sentence}${hint}`, { ...details, id: unknownId, suggestions }, { cause: error });
  }
}

/**
 * Runs an analysis field that answers null for an unknown id (as its SDL says) and, when it does, records up to
 * three close entities under the field's response key, for the response's `extensions.suggestions`.
 */
export async function nullWithSuggestions<T>(
  ctx: Pick<GraphContext, 'db' | 'suggestions'>,
  info: Pick<GraphQLResolveInfo, 'path'>,
  id: string,
  kinds: readonly EntityKind[] | null,
  run: () => Promise<T | null>,
): Promise<T | null> {
  const result = await run();
  if (result === null && ctx.suggestions) ctx.suggestions.set(String(info.path.key), { id, suggestions: await suggestionsFor(ctx.db, id, kinds) });
  return result;
}

/**
 * For `shortestPath` and `paths`, whose null or empty answer also means "no path": when it is null or empty and
 * an end names no entity, records up to three close entities under `<response key>.from` / `.to`.
 */
export async function pathWithSuggestions<T>(
  ctx: Pick<GraphContext, 'db' | 'suggestions'>,
  info: Pick<GraphQLResolveInfo, 'path'>,
  ends: { readonly from: string; readonly to: string },
  run: () => Promise<T>,
): Promise<T> {
  const result = await run();
  if (!ctx.suggestions || (result !== null && !(Array.isArray(result) && result.length === 0))) return result;
  const found = await entitiesByIds(ctx.db, [ends.from, ends.to]);
  for (const [i, end] of (['from', 'to'] as const).entries())
    if (!found[i]) ctx.suggestions.set(`${String(info.path.key)}.${end}`, { id: ends[end], suggestions: await suggestionsFor(ctx.db, ends[end], null) });
  return result;
}
