import type { SqlDb } from '../../../storage/sql-db.js';
import type { EventStore } from '../events.store.js';
import { EVENT_COLUMNS, encodeRow, eventsDdl, type StoredEvent } from './event-columns.js';
import { SqlEventReads } from './sql-event-reads.js';

const CHUNK = 3000; // 18 columns × 3000 rows stays under PostgreSQL's 65,535 bind parameters

/**
 * The event store on PostgreSQL: a primary key on (tenant, event_id) and
 * `INSERT … ON CONFLICT DO NOTHING RETURNING` make appends idempotent in one transaction.
 */
export class PostgresEventStore extends SqlEventReads implements EventStore {
  readonly engine = 'postgres' as const;

  constructor(private readonly db: SqlDb) {
    super();
  }

  async init(): Promise<void> {
    await this.db.exec(eventsDdl('BIGINT', true));
    await this.db.exec('CREATE INDEX IF NOT EXISTS events_identity_idx ON events (tenant, identity_key, ts)');
  }

  async append(events: readonly StoredEvent[]): Promise<boolean[]> {
    const fresh = new Array<boolean>(events.length).fill(false);
    const firstIndex = new Map<string, number>();
    events.forEach((e, i) => { if (!firstIndex.has(e.eventId + '\u0000' + e.tenant)) firstIndex.set(e.eventId + '\u0000' + e.tenant, i); });
    const unique = [...firstIndex.values()].map((i) => events[i] as StoredEvent);
    const cols = EVENT_COLUMNS.map((c) => c.column).join(', ');
    await this.db.transaction(async (tx) => {
      for (let start = 0; start < unique.length; start += CHUNK) {
        const chunk = unique.slice(start, start + CHUNK);
        const tuple = `(${EVENT_COLUMNS.map(() => '?').join(', ')})`;
        const sql = `INSERT INTO events (${cols}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT (tenant, event_id) DO NOTHING RETURNING tenant, event_id`;
        const rows = await tx.query<{ tenant: string; event_id: string }>(sql, chunk.flatMap(encodeRow));
        for (const r of rows) fresh[firstIndex.get(r.event_id + '\u0000' + r.tenant) as number] = true;
      }
    });
    return fresh;
  }

  protected rows(sql: string, params: (string | number)[]): Promise<Record<string, unknown>[]> {
    return this.db.query(sql, params);
  }

  protected change(sql: string, params: (string | number)[]): Promise<number> {
    return this.db.run(sql, params);
  }

  async close(): Promise<void> {
    // The SqlDb is shared with other modules; the composition root closes it.
  }
}
