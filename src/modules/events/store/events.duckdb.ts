import { AppError } from '../../../shared/errors/index.js';
import { openDuckDb, type DuckDb } from '../../../storage/duckdb-db.js';
import { hash53 } from '../../../shared/hashing.js';
import { Hash53Set } from '../../../shared/hash53-set.js';
import type { AnalysisRow, AnchoredQuery, AnchoredResult, EventQuery, EventStore } from '../events.store.js';
import { analysisRowsQuery } from './event-queries.js';
import { EVENT_COLUMNS, eventsDdl, toLogRecord, type StoredEvent } from './event-columns.js';
import { IngestLog, type Segment } from './ingest-log.js';
import { SqlEventReads } from './sql-event-reads.js';

const dedupKey = (tenant: string, eventId: string): number => hash53(`${tenant}\u0000${eventId}`);

/** `read_json` of a log segment, typed column by column, selected in table order (attrs kept as JSON text). */
function loadSegmentSql(segment: Segment): string {
  const types = EVENT_COLUMNS.map((c) => `'${c.field}': '${c.field === 'attrs' ? 'JSON' : c.type === 'int' ? 'BIGINT' : 'VARCHAR'}'`);
  const select = EVENT_COLUMNS.map((c) => (c.field === 'attrs' ? 'attrs::VARCHAR' : `"${c.field}"`));
  return `INSERT INTO events SELECT ${select.join(', ')} FROM read_json('${segment.path.replaceAll("'", "''")}', `
    + `columns = {${types.join(', ')}}, format = 'newline_delimited', maximum_object_size = ${Math.max(segment.longestLine + 16, 1 << 20)})`;
}

/** How often an open log segment is sealed and loaded when traffic is light. */
const SEAL_EVERY_MS = 1000;

/**
 * The embedded event store on DuckDB (docs/adr/0002, 0008). An append is durable once its events are
 * in the ingest log (an fsynced NDJSON segment beside the database); sealed segments are bulk-loaded
 * into the `events` table with `read_json` on DuckDB's own threads, in one transaction that also
 * records the segment as loaded, so a crash between the two never loads a segment twice. Every read
 * first seals and loads what is pending, so a caller always reads its own writes.
 *
 * Idempotency: DuckDB's primary-key index made inserts 2.5× slower by 1M rows (ADR 0002), so an
 * in-memory 53-bit hash set of (tenant, eventId) is built from the table on the first append; a hit is
 * confirmed by a query after loading what is pending, so a hash collision can never drop a new event.
 * Erased ids stay in the set: a later replay is confirmed by query, finds nothing, and is stored again.
 */
export class DuckDbEventStore extends SqlEventReads implements EventStore {
  readonly engine = 'duckdb' as const;
  private db: DuckDb | undefined;
  private log: IngestLog | undefined;
  private readonly seen = new Hash53Set(1 << 16);
  private seenLoaded: Promise<void> | undefined;
  private readonly sealed: Segment[] = [];
  private loading: Promise<void> | undefined;
  private loadError: unknown;
  private sealTimer: NodeJS.Timeout | undefined;
  private loader: DuckDb | undefined;

  private raised = 0;

  /**
   * `logDir` defaults to `<path>.log`; `segmentBytes` is where the log seals a segment by size;
   * `analysisMemoryLimit` is DuckDB's memory limit while an anchored aggregation (an experiment report) runs.
   */
  constructor(private readonly path: string, private readonly memoryLimit = '256MB', private readonly options: { logDir?: string; segmentBytes?: number; analysisMemoryLimit?: string } = {}) {
    super();
  }

  private get conn(): DuckDb {
    if (!this.db) throw new Error('DuckDbEventStore used before init()');
    return this.db;
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.path === ':memory:') throw new Error('DuckDbEventStore needs a file: its ingest log lives beside it');
    this.db = await openDuckDb(this.path, { memoryLimit: this.memoryLimit });
    // Checkpoints rewrite and recompress row groups; at DuckDB's 16 MB default they ran every few
    // thousand events and cost ~20 % of load CPU (measured). Recovery replays at most this much WAL.
    await this.db.run("SET checkpoint_threshold = '256MB'");
    await this.db.run(eventsDdl('BIGINT', false));
    await this.db.run('CREATE TABLE IF NOT EXISTS ingest_state (id INTEGER PRIMARY KEY, loaded_seq BIGINT NOT NULL)');
    this.log = new IngestLog(this.options.logDir ?? `${this.path}.log`, (segment) => this.enqueueLoad(segment), this.options.segmentBytes);
    // Segments a previous process left: those at or below the loaded mark were loaded (the process
    // stopped before deleting them); the rest are loaded now, before anything reads or appends.
    const loaded = Number((await this.db.all<{ s: number }>('SELECT loaded_seq AS s FROM ingest_state'))[0]?.s ?? 0);
    for (const segment of this.log.recover()) {
      if (segment.seq <= loaded) this.log.remove(segment);
      else this.sealed.push(segment);
    }
    await this.loadPending();
    this.sealTimer = setInterval(() => { if (this.log && this.log.openBytes > 0) this.log.seal().catch(() => undefined); }, SEAL_EVERY_MS);
    this.sealTimer.unref();
  }

  /** Builds the dedup set from the table on the first append, so read-only commands never pay for it. */
  private loadSeen(): Promise<void> {
    this.seenLoaded ??= (async () => {
      for await (const chunk of this.conn.stream('SELECT tenant, event_id FROM events')) {
        const tenants = chunk.getColumnValues(0) as string[];
        const ids = chunk.getColumnValues(1) as string[];
        for (let i = 0; i < ids.length; i++) this.seen.add(dedupKey(tenants[i] as string, ids[i] as string));
      }
    })();
    return this.seenLoaded;
  }

  async append(events: readonly StoredEvent[]): Promise<boolean[]> {
    await this.loadSeen();
    const log = this.log;
    if (!log) throw new Error('DuckDbEventStore used before init()');
    const fresh = new Array<boolean>(events.length).fill(false);
    const inBatch = new Set<string>();
    const suspects = new Map<string, number[]>();
    const hashes = new Array<number>(events.length);
    events.forEach((e, i) => {
      const k = `${e.tenant}\u0000${e.eventId}`;
      if (inBatch.has(k)) return;
      inBatch.add(k);
      const h = (hashes[i] = hash53(k));
      if (this.seen.has(h)) {
        const list = suspects.get(k) ?? [];
        list.push(i);
        suspects.set(k, list);
      } else fresh[i] = true;
    });
    if (suspects.size > 0) {
      await this.sync();
      await this.confirmSuspects(suspects, events, fresh);
    }
    const lines: string[] = [];
    let longestLine = 0;
    for (let i = 0; i < events.length; i++) {
      if (!fresh[i]) continue;
      const line = JSON.stringify(toLogRecord(events[i] as StoredEvent));
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      longestLine = Math.max(longestLine, 3 * line.length);
      lines.push(line);
    }
    if (lines.length === 0) return fresh;
    // Marked before the write: a concurrent append of the same id then becomes a suspect and waits
    // for the query. If the write fails, a retry is a suspect that the query finds absent: stored.
    for (let i = 0; i < events.length; i++) if (fresh[i]) this.seen.add(hashes[i] as number);
    lines.push('');
    await log.append(Buffer.from(lines.join('\n')), longestLine);
    return fresh;
  }

  /** Makes every accepted event readable: seals the open segment and waits until all are loaded. */
  async sync(): Promise<void> {
    if (!this.log) throw new Error('DuckDbEventStore used before init()');
    // Nothing accepted is waiting (an answered append has counted its bytes): read at once, without
    // queueing behind other clients' fsyncs.
    if (this.log.openBytes === 0 && this.sealed.length === 0 && !this.loading) return;
    await this.log.seal();
    await this.loadPending();
  }

  private enqueueLoad(segment: Segment): void {
    this.sealed.push(segment);
    this.loading ??= this.drainLoads();
  }

  /** Waits for the loader; retries once if it stopped on an error, and rethrows that error if it persists. */
  private async loadPending(): Promise<void> {
    while (this.loading) await this.loading;
    if (this.sealed.length === 0) return;
    this.loading = this.drainLoads();
    await this.loading;
    if (this.sealed.length > 0) throw this.loadError;
  }

  /** Loads sealed segments in order; never rejects (an error stops the loop and is kept for readers). */
  private async drainLoads(): Promise<void> {
    try {
      while (this.sealed.length > 0) {
        const segment = this.sealed[0] as Segment;
        await this.loadSegment(segment);
        this.sealed.shift();
        this.log?.remove(segment);
      }
      this.loadError = undefined;
    } catch (err) {
      this.loadError = err;
    } finally {
      this.loading = undefined;
    }
  }

  /** Loads one segment on the loader's own connection, so its transaction never mixes with reads. */
  private async loadSegment(segment: Segment): Promise<void> {
    const db = (this.loader ??= await this.conn.session());
    await db.run('BEGIN TRANSACTION');
    try {
      await db.run(loadSegmentSql(segment));
      await db.run('INSERT OR REPLACE INTO ingest_state VALUES (1, ?)', [segment.seq]);
      await db.run('COMMIT');
    } catch (err) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw new AppError('events_log_load_failed', `could not load ingest log segment ${segment.path}: ${(err as Error).message}`, { details: { segment: segment.path }, cause: err });
    }
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
  override async *streamAnalysisRows(tenant: string, query?: EventQuery): AsyncGenerator<AnalysisRow[]> {
    await this.sync();
    const q = analysisRowsQuery(tenant, query);
    const nullable = (v: unknown): string | number | null => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as string));
    for await (const chunk of this.conn.stream(q.sql, q.params)) {
      const n = chunk.rowCount;
      const out = new Array<AnalysisRow>(n);
      const keys = chunk.getColumnValues(0) as string[];
      const names = chunk.getColumnValues(1) as string[];
      const times = chunk.getColumnValues(2) as bigint[];
      const platforms = chunk.getColumnValues(3) as string[];
      for (let i = 0; i < n; i++) {
        out[i] = {
          identityKey: keys[i] as string, name: names[i] as string, ts: Number(times[i]), platform: platforms[i] as string,
          creatorId: null, videoId: null, liveId: null, productId: null, categoryId: null, priceBand: null, amount: null, sessionId: null, orderId: null,
        };
      }
      // Only the columns the scan asked for are decoded: the node binding's string decoding is the scan's main cost.
      for (let c = 4; c < q.fields.length; c++) {
        const field = q.fields[c] as keyof AnalysisRow;
        const values = chunk.getColumnValues(c);
        for (let i = 0; i < n; i++) (out[i] as unknown as Record<string, unknown>)[field] = nullable(values[i]);
      }
      yield out;
    }
  }

  override async scanAnalysisRows(tenant: string, query?: EventQuery): Promise<AnalysisRow[]> {
    const out: AnalysisRow[] = [];
    for await (const batch of this.streamAnalysisRows(tenant, query)) for (const row of batch) out.push(row);
    return out;
  }

  /**
   * An experiment report groups every exposed unit at once: while any runs, DuckDB may use
   * `analysisMemoryLimit` (measured: 1 M units needed more than the 256 MB default; ADR 0013).
   */
  override async anchoredMoments(tenant: string, query: AnchoredQuery): Promise<AnchoredResult> {
    const limit = this.options.analysisMemoryLimit;
    if (limit === undefined) return super.anchoredMoments(tenant, query);
    if (this.raised++ === 0) await this.conn.run(`SET memory_limit = '${limit}'`);
    try {
      return await super.anchoredMoments(tenant, query);
    } finally {
      if (--this.raised === 0) await this.conn.run(`SET memory_limit = '${this.memoryLimit}'`);
    }
  }

  protected async rows(sql: string, params: (string | number)[]): Promise<Record<string, unknown>[]> {
    await this.sync();
    return this.conn.all(sql, params);
  }

  protected async change(sql: string, params: (string | number)[]): Promise<number> {
    await this.sync();
    return this.conn.run(sql, params);
  }

  /** Loads everything pending and closes; a segment that fails to load stays on disk for the next start. */
  async close(): Promise<void> {
    clearInterval(this.sealTimer);
    try {
      if (this.log && this.db) await this.sync();
    } finally {
      this.log = undefined;
      await this.loader?.close();
      this.loader = undefined;
      await this.db?.close();
      this.db = undefined;
      this.seenLoaded = undefined;
    }
  }
}
