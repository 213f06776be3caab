import { afterAll } from 'vitest';
import { openPostgresSchema } from '../../../../test/harness/postgres.js';
import { PostgresEventStore } from './events.postgres.js';
import { describeEventStoreContract } from './events.store.contract.js';

const pgdb = await openPostgresSchema('events');
if (pgdb) {
  const { db } = pgdb;
  afterAll(() => db.close());
  describeEventStoreContract('postgres', {
    async reset() { await db.exec('DROP TABLE IF EXISTS events'); },
    async open() { return new PostgresEventStore(db); },
  });
}
