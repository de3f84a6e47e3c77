import { describe, it } from 'vitest';
import { RECORD_CHANGES, RESERVE_SEQUENCE } from '../../src/store/audit-store.js';
import { CHANGES_AFTER, CURRENT_SEQUENCE } from '../../src/store/change-feed.js';
import * as writer from '../../src/store/change-writer.js';
import { expectCypher } from './snapshot.js';

const STATEMENTS: Record<string, string> = {
  'load-entities-by-ids': writer.ENTITIES_BY_IDS,
  'load-all-entities': writer.ALL_ENTITIES,
  'load-relationships-by-keys': writer.RELATIONSHIPS_BY_KEYS,
  'create-entities-chip': writer.CREATE_ENTITIES('Chip'),
  'update-entities': writer.UPDATE_ENTITIES,
  'delete-entities': writer.DELETE_ENTITIES,
  'create-relationships-trained-on': writer.CREATE_RELATIONSHIPS('TRAINED_ON'),
  'update-relationships-trained-on': writer.UPDATE_RELATIONSHIPS('TRAINED_ON'),
  'delete-relationships-trained-on': writer.DELETE_RELATIONSHIPS('TRAINED_ON'),
  'record-changes': RECORD_CHANGES,
  'reserve-sequence': RESERVE_SEQUENCE,
  'feed-changes-after': CHANGES_AFTER,
  'feed-current-sequence': CURRENT_SEQUENCE,
};

describe('the Cypher of the change writer', () => {
  it.each(Object.entries(STATEMENTS))('writes %s as reviewed', async (name, statement) => {
    await expectCypher(name, statement);
  });
});
