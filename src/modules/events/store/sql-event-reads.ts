import type { AnalysisRow, AnchoredQuery, AnchoredResult, EventQuery } from '../events.store.js';
import { anchoredMomentsQuery, readAnchoredMoments } from './anchored-query.js';
import { decodeRow, type StoredEvent } from './event-columns.js';
import {
  analysisRowsQuery, countByNameQuery, deleteByIdentityQuery, findQuery, listByIdentityQuery, toAnalysisRow,
} from './event-queries.js';

/**
 * The reads and deletes of the events port, written once over two primitives each engine supplies:
 * run a query for rows, run a statement for a change count.
 */
export abstract class SqlEventReads {
  abstract readonly engine: 'duckdb' | 'postgres';
  protected abstract rows(sql: string, params: (string | number)[]): Promise<Record<string, unknown>[]>;
  protected abstract change(sql: string, params: (string | number)[]): Promise<number>;

  async countByName(tenant: string, query?: EventQuery): Promise<Record<string, number>> {
    const q = countByNameQuery(tenant, query);
    const rows = await this.rows(q.sql, q.params);
    return Object.fromEntries(rows.map((r) => [String(r.name), Number(r.n)]));
  }

  async scanAnalysisRows(tenant: string, query?: EventQuery): Promise<AnalysisRow[]> {
    const q = analysisRowsQuery(tenant, query);
    return (await this.rows(q.sql, q.params)).map(toAnalysisRow);
  }

  /** Analysis rows in batches, in scan order; engines that can stream override this (one batch here). */
  async *streamAnalysisRows(tenant: string, query?: EventQuery): AsyncGenerator<AnalysisRow[]> {
    yield await this.scanAnalysisRows(tenant, query);
  }

  async find(tenant: string, eventId: string): Promise<StoredEvent | undefined> {
    const q = findQuery(tenant, eventId);
    const rows = await this.rows(q.sql, q.params);
    return rows[0] ? decodeRow(rows[0]) : undefined;
  }

  async listByIdentity(tenant: string, keys: readonly string[], limit: number): Promise<StoredEvent[]> {
    const q = listByIdentityQuery(tenant, keys, limit);
    return (await this.rows(q.sql, q.params)).map(decodeRow);
  }

  async anchoredMoments(tenant: string, query: AnchoredQuery): Promise<AnchoredResult> {
    if (query.measures.length === 0 || query.anchorValues.length === 0) return { groups: [], conflicts: 0, burnIn: 0 };
    const q = anchoredMomentsQuery(this.engine, tenant, query);
    return readAnchoredMoments(await this.rows(q.sql, q.params), q);
  }

  async deleteByIdentity(tenant: string, keys: readonly string[], phoneHashes: readonly string[]): Promise<number> {
    const q = deleteByIdentityQuery(tenant, keys, phoneHashes);
    return this.change(q.sql, q.params);
  }
}
