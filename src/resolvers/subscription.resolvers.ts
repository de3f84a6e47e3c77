import { requireEditor } from '../auth/viewer.js';
import type { GraphContext } from '../context.js';
import { AppError } from '../errors.js';
import type { QueryResolvers, SubscriptionResolvers } from '../generated/graphql.js';
import { currentSequence, cursorSequence, sequenceCursor } from '../store/change-feed.js';
import { changeStream, type StreamItem } from './change-stream.js';

const noFeed = (): AppError => new AppError('BAD_USER_INPUT', 'Subscriptions are served as Server-Sent Events at /graphql/stream (graphql-sse), not here.');

/** The change feed (Subscription.changes) and the cursor to start it from (Query.changeCursor). */
export const subscriptionResolvers: { Subscription: SubscriptionResolvers; Query: QueryResolvers } = {
  Subscription: {
    changes: {
      subscribe: (_p, { filter, after }, ctx: GraphContext) => {
        // The feed is the audit trail as it grows: readable by whoever may read the trail (Query.changes).
        if (ctx.config.AUDIT_VISIBILITY === 'editors') requireEditor(ctx);
        if (!ctx.changes) throw noFeed();
        const from = after ? cursorSequence(after) : null;
        return changeStream(ctx.db, ctx.changes, { filter, after: from, queueLimit: ctx.config.LIVE_QUEUE_LIMIT });
      },
      resolve: (item: StreamItem) => {
        if ('dropped' in item) throw item.dropped;
        // As in Query.changes: the trail's relationshipType is the stored type name, which the enum's values are.
        return item.event as never;
      },
    },
  },
  Query: {
    changeCursor: async (_p, _a, ctx) => sequenceCursor(await currentSequence(ctx.db, ctx.signal)),
  },
};
