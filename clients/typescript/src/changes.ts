import type { AtlasClient, SubscriptionHandlers } from './client.js';
import { ChangesDocument, type ChangeFilter, type ChangesSubscription } from './generated/graphql.js';

export type { ChangeFilter };
/** One change the feed delivers. */
export type ChangeEvent = ChangesSubscription['changes'];

/**
 * Follows the change feed: every change matching `filter` after `after` (a cursor of an event or of
 * Query.changeCursor; from now when absent). Returns what unsubscribes.
 */
export function changes(client: AtlasClient, options: { filter?: ChangeFilter; after?: string }, handlers: SubscriptionHandlers<ChangeEvent>): () => void {
  return client.subscribe(ChangesDocument, { filter: options.filter, after: options.after }, { ...handlers, next: (data) => handlers.next(data.changes) });
}
