import type { DuckDBAppender } from '@duckdb/node-api';
import { openDuckDb, type DuckDb } from '../../../storage/duckdb-db.js';
import { hash53 } from '../../../shared/hashing.js';
import { Hash53Set } from '../../../shared/hash53-set.js';
import type { AnalysisRow, EventQuery, EventStore } from '../events.store.js';
import { analysisRowsQuery } from './event-queries.js';
import { EVENT_COLUMNS, encodeAttrs, eventsDdl, type StoredEvent } from './event-columns.js';
import { SqlEventReads } from './sql-event-reads.js';

// appendRow below writes columns by hand in this order; checked at load, since a round trip that leaves
// some columns empty cannot tell two of them apart.
const COLUMN_ORDER = EVENT_COLUMNS.map((c) => c.field).join(',');
if (COLUMN_ORDER !== 'tenant,eventId,name,platform,ts,identityKey,sessionId,videoId,creatorId,liveId,productId,orderId,categoryId,priceBand,amount,currency,phoneHash,attrs') {
  throw new Error(`events.duckdb appendRow is out of date with EVENT_COLUMNS: ${COLUMN_ORDER}`);
}

const dedupKey = (tenant: string, eventId: string): number => hash53(`${tenant}\u0000${eventId}`);

const text = (app: DuckDBAppender, v: string | undefined): void => (v === undefined ? app.appendNull() : app.appendVarchar(v));

/** Appends one row in EVENT_COLUMNS order; written out field by field because it is the hottest loop. */
function appendRow(app: DuckDBAppender, e: StoredEvent): void {
  app.appendVarchar(e.tenant);
  app.appendVarchar(e.eventId);
  app.appendVarchar(e.name);
  app.appendVarchar(e.platform);
  app.appendBigInt(BigInt(e.ts));
  app.appendVarchar(e.identityKey);
  text(app, e.sessionId);
  text(app, e.videoId);
  text(app, e.creatorId);
  text(app, e.liveId);
  text(app, e.productId);
  text(app, e.orderId);
  text(app, e.categoryId);
  text(app, e.priceBand);
  if (e.amount === undefined) app.appendNull(); else app.appendBigInt(BigInt(e.amount));
  text(app, e.currency);
  text(app, e.phoneHash);
  app.appendVarchar(encodeAttrs(e));
  app.endRow();
}

/**
 * The embedded event store on DuckDB (docs/adr/0002). Rows go in through DuckDB's appender in one
 * transaction per call. DuckDB's primary-key index made inserts 2.5× slower by 1M rows and kept falling (ADR 0002), so
 * idempotency uses an in-memory 53-bit hash set of (tenant, eventId), built from the table on the
 * first append; a hit is confirmed by a query, so a hash collision can never drop a new event. Erased ids
 * stay in the set: a later replay is confirmed by query, finds nothing, and is stored again.
 */
export class DuckDbEventStore extends SqlEventReads implements EventStore {
  readonly engine = 'duckdb' as const;
  private db: DuckDb | undefined;
  private readonly seen = new Hash53Set(1 << 16);
  private seenLoaded: Promise<void> | undefined;

  constructor(private readonly path: string, private readonly memoryLimit = '256MB') {
    super();
  }

  private get conn(): DuckDb {
    if (!this.db) throw new Error('DuckDbEventStore used before init()');
    return this.db;
  }

  async init(): Promise<void> {
    if (this.db) return;
    this.db = await openDuckDb(this.path, { memoryLimit: this.memoryLimit });
    // Checkpoints rewrite and recompress row groups; at DuckDB's 16 MB default they ran every few
    // thousand events and cost ~20 % of append CPU (measured). Recovery replays at most this much WAL.
    await this.db.run("SET checkpoint_threshold = '256MB'");
    await this.db.run(eventsDdl('BIGINT', false));
  }

  /** Builds the dedup set from the table on the first append, so read-only commands never pay for it. */
  private loadSeen(): Promise<void> {
    this.seenLoaded ??= (async () => {
      const result = await this.conn.connection.stream('SELECT tenant, event_id FROM events');
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const tenants = chunk.getColumnValues(0) as string[];
        const ids = chunk.getColumnValues(1) as string[];
        for (let i = 0; i < ids.length; i++) this.seen.add(dedupKey(tenants[i] as string, ids[i] as string));
      }
    })();
    return this.seenLoaded;
  }

  async append(events: readonly StoredEvent[]): Promise<boolean[]> {
    await this.loadSeen();
    const db = this.conn;
    const fresh = new Array<boolean>(events.length).fill(false);
    const inBatch = new Set<string>();
    const suspects = new Map<string, number[]>();
    events.forEach((e, i) => {
      const k = `${e.tenant}\u0000${e.eventId}`;
      if (inBatch.has(k)) return;
      inBatch.add(k);
      if (this.seen.has(hash53(k))) {
        const list = suspects.get(k) ?? [];
        list.push(i);
        suspects.set(k, list);
      } else fresh[i] = true;
    });
    if (suspects.size > 0) await this.confirmSuspects(suspects, events, fresh);
    const rows = events.filter((_, i) => fresh[i]);
    if (rows.length === 0) return fresh;
    await db.run('BEGIN TRANSACTION');
    try {
      const app = await db.appender('events');
      for (const e of rows) appendRow(app, e);
      app.closeSync();
      await db.run('COMMIT');
    } catch (err) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    for (const e of rows) this.seen.add(dedupKey(e.tenant, e.eventId));
    return fresh;
  }

  /** A hash hit is only a suspicion: look the ids up and mark the ones really absent as fresh. */
  private async confirmSuspects(suspects: Map<string, number[]>, events: readonly StoredEvent[], fresh: boolean[]): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const idx of suspects.values()) {
      const e = events[idx[0] as number] as StoredEvent;
      const list = byTenant.get(e.tenant) ?? [];
      list.push(e.eventId);
      byTenant.set(e.tenant, list);
    }
    const stored = new Set<string>();
    for (const [tenant, ids] of byTenant) {
      const rows = await this.conn.all<{ event_id: string }>(
        `SELECT event_id FROM events WHERE tenant = ? AND event_id IN (${ids.map(() => '?').join(', ')})`, [tenant, ...ids]);
      for (const r of rows) stored.add(`${tenant}\u0000${r.event_id}`);
    }
    for (const [k, idx] of suspects) if (!stored.has(k)) fresh[idx[0] as number] = true;
  }

  /**
   * Analysis scans can cover millions of rows: stream them chunk by chunk and read columns as arrays,
   * instead of materialising every row twice (DuckDB values, then objects) before the first one is used.
   */
  override async scanAnalysisRows(tenant: string, query?: EventQuery): Promise<AnalysisRow[]> {
    const q = analysisRowsQuery(tenant, query);
    const result = await this.conn.connection.stream(q.sql, q.params);
    const out: AnalysisRow[] = [];
    const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const cols = Array.from({ length: 11 }, (_, i) => chunk.getColumnValues(i));
      const [key, name, ts, platform, creator, video, live, product, category, band, amount] = cols as unknown[][] as [
        string[], string[], bigint[], string[], (string | null)[], (string | null)[], (string | null)[], (string | null)[], (string | null)[], (string | null)[], (bigint | null)[],
      ];
      for (let i = 0; i < chunk.rowCount; i++) {
        const a = amount[i];
        out.push({
          identityKey: key[i] as string, name: name[i] as string, ts: Number(ts[i]), platform: platform[i] as string,
          creatorId: str(creator[i]), videoId: str(video[i]), liveId: str(live[i]), productId: str(product[i]),
          categoryId: str(category[i]), priceBand: str(band[i]), amount: a === null || a === undefined ? null : Number(a),
        });
      }
    }
    return out;
  }

  protected rows(sql: string, params: (string | number)[]): Promise<Record<string, unknown>[]> {
    return this.conn.all(sql, params);
  }

  protected change(sql: string, params: (string | number)[]): Promise<number> {
    return this.conn.run(sql, params);
  }

  async close(): Promise<void> {
    await this.db?.close();
    this.db = undefined;
    this.seenLoaded = undefined;
  }
}
