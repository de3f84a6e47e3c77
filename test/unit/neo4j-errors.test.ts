import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { mapNeo4jError } from '../../src/db/errors.js';
import { AppError } from '../../src/errors.js';

describe('Neo4j errors as application errors', () => {
  it.each(['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'Neo.ClientError.General.TransactionOutOfMemoryError'])(
    'turns %s (a transaction too large for the heap) into a typed refusal naming the setting, without the driver message',
    (code) => {
      const mapped = mapNeo4jError(new Neo4jError('The allocation of an extra 2.0 MiB would use more than the limit 1.4 GiB.', code, '50N42', 'error'));
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped).toMatchObject({ code: 'QUERY_TOO_COMPLEX', details: { limit: 'dbms.memory.transaction.total.max' } });
      expect((mapped as AppError).message).not.toContain('MiB');
    },
  );
});
