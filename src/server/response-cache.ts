import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { GraphContext } from '../context.js';
import type { SequenceCache } from '../resolvers/change-sequence.js';

/** What the response cache needs: its bound, the change sequence it is keyed on, and where to count look-ups. */
export interface ResponseCacheOptions {
  /** Bound of the cache, in MiB of serialised answers (RESPONSE_CACHE_MB). */
  readonly maxMb: number;
  readonly sequences: SequenceCache;
  readonly onLookup: (result: 'hit' | 'miss') => void;
}

/**
 * An in-process cache of anonymous callers' query answers (Apollo's response-cache plugin over a bounded LRU).
 * Every key holds the graph's change sequence, the value ETags use, so a write seen by this replica makes the
 * older entries unreachable (the LRU then drops them); entries also expire after their answer's maxAge. Requests
 * with credentials neither read nor write it; mutations, answers with errors and maxAge 0 (`changes`) are never
 * stored (the plugin's rules). Adds `x-cache: hit|miss` to each answer that looked it up.
 */
export function responseCachePlugins({ maxMb, sequences, onLookup }: ResponseCacheOptions): ApolloServerPlugin<GraphContext>[] {
  // The sequence each request's key was built on; null when it could not be read, and then the cache is skipped.
  const keyedOn = new WeakMap<GraphContext, number | null>();
  const anonymous = (context: GraphContext): boolean => !context.viewer && !context.credentialPresented;
  const sequenceOf = async (context: GraphContext): Promise<number | null> => {
    // A caller with credentials never uses the cache: no need to read the sequence for it.
    if (!anonymous(context)) return null;
    if (context.sequence !== undefined) return context.sequence;
    // Without the sequence there is no safe key; the query itself then says what is wrong (DATABASE_UNAVAILABLE …).
    return sequences.get().catch(() => null);
  };
  const usable = (context: GraphContext): boolean => anonymous(context) && typeof keyedOn.get(context) === 'number';
  const cache = responseCachePlugin<GraphContext>({
    cache: new InMemoryLRUCache({ maxSize: maxMb * 2 ** 20 }),
    // Anonymous answers only: no caller has a session, so a PRIVATE answer is never stored.
    sessionId: async () => null,
    extraCacheKeyData: async ({ contextValue }) => {
      const sequence = await sequenceOf(contextValue);
      keyedOn.set(contextValue, sequence);
      return { sequence };
    },
    shouldReadFromCache: async ({ contextValue }) => usable(contextValue),
    // The plugin stores data, not extensions: an answer carrying a "did you mean" (suggestions) is not stored, so a
    // later hit cannot lose it.
    shouldWriteToCache: async ({ contextValue }) => usable(contextValue) && !contextValue.suggestions?.size,
  });
  const report: ApolloServerPlugin<GraphContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, metrics, response }) {
          if (operation?.operation !== 'query' || !usable(contextValue)) return;
          const result = metrics.responseCacheHit ? 'hit' : 'miss';
          response.http.headers.set('x-cache', result);
          onLookup(result);
        },
      };
    },
  };
  return [cache, report];
}
