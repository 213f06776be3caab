import { afterAll } from 'vitest';
import { openPostgres } from '../../../storage/postgres-db.js';
import { postgresTestUrl } from '../../../../test/harness/postgres.js';
import { PostgresEventStore } from './events.postgres.js';
import { describeEventStoreContract } from './events.store.contract.js';

const url = postgresTestUrl('events');
if (url) {
  const db = openPostgres(url);
  afterAll(() => db.close());
  describeEventStoreContract('postgres', {
    async reset() { await db.exec('DROP TABLE IF EXISTS events'); },
    async open() { return new PostgresEventStore(db); },
  });
}
