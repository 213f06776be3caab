import { migrate, selectIn, upsertMany, type SqlDb, type SqlValue } from '../../../storage/sql-db.js';
import { newId } from '../../../shared/ids.js';
import { AppError } from '../../../shared/errors/index.js';
import { EMPTY_STOCK, type StockLevel } from '../domain/stock-ledger.js';
import type { AdjustOutcome, AdjustRequest, Batch, HoldState, Movement, Reservation, ReserveOutcome, ReserveRequest, SettleAction, SettleOutcome, StockRow, StockStore } from '../stock.store.js';
import { keyOf, planReserve, planSettle, validAdjustment, type HolderView } from '../domain/stock-plan.js';

const MIGRATIONS = [{
  id: 'inventory_0001',
  sql: `CREATE TABLE inventory_stock (tenant TEXT NOT NULL, sku TEXT NOT NULL, warehouse TEXT NOT NULL,
          available BIGINT NOT NULL CHECK (available >= 0), reserved BIGINT NOT NULL CHECK (reserved >= 0), sold BIGINT NOT NULL CHECK (sold >= 0),
          updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, sku, warehouse));
        CREATE TABLE inventory_movements (tenant TEXT NOT NULL, id TEXT NOT NULL, sku TEXT NOT NULL, warehouse TEXT NOT NULL, delta BIGINT NOT NULL,
          reason TEXT NOT NULL, ref TEXT NOT NULL, at BIGINT NOT NULL, available_after BIGINT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE INDEX inventory_movements_sku ON inventory_movements (tenant, sku, seq);
        CREATE INDEX inventory_movements_seq ON inventory_movements (tenant, seq);
        CREATE TABLE inventory_reservations (tenant TEXT NOT NULL, holder TEXT NOT NULL, state TEXT NOT NULL, lines TEXT NOT NULL,
          deadline BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, holder));
        CREATE INDEX inventory_reservations_due ON inventory_reservations (deadline) WHERE state = 'held';`,
}];

type Row = Record<string, string | number | null>;

const levelOf = (r: Row): StockLevel => ({ available: Number(r.available), reserved: Number(r.reserved), sold: Number(r.sold) });

/** StockStore on SQLite or PostgreSQL: each batch is one transaction that locks the rows it changes. */
export class SqlStockStore implements StockStore {
  readonly engine: string;

  constructor(private readonly db: SqlDb) {
    this.engine = db.dialect.name;
  }

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  adjust(tenant: string, requests: readonly AdjustRequest[], at: number): Promise<Batch<AdjustOutcome>> {
    return this.db.transaction(async (tx) => {
      const levels = await this.lockLevels(tx, tenant, requests.map((r) => r.sku));
      const changed = new Set<string>();
      const movements: Movement[] = [];
      const outcomes = requests.map((r): AdjustOutcome => {
        const key = keyOf(r);
        const next = validAdjustment(levels.get(key) ?? EMPTY_STOCK, r.delta);
        if (!next.ok) return { ok: false, code: next.code === 'inventory_invalid_quantity' ? next.code : 'inventory_insufficient_stock' };
        levels.set(key, next.level);
        changed.add(key);
        const movement: Movement = { id: newId('mov', at), sku: r.sku, warehouse: r.warehouse, delta: r.delta, reason: r.reason, ref: r.ref, at, availableAfter: next.level.available };
        movements.push(movement);
        return { ok: true, movement };
      });
      const rows = await this.writeLevels(tx, tenant, levels, changed, at);
      // Movements are listed in the order they were made: a sequence per tenant (concurrent batches on
      // PostgreSQL may share a number; their relative order is undefined anyway).
      const [top] = await tx.query<Row>('SELECT COALESCE(MAX(seq), 0) AS seq FROM inventory_movements WHERE tenant = ?', [tenant]);
      const base = Number(top?.seq ?? 0) + 1;
      await upsertMany(tx, 'inventory_movements', ['tenant', 'id', 'sku', 'warehouse', 'delta', 'reason', 'ref', 'at', 'available_after', 'seq'], ['tenant', 'id'], ['delta'],
        movements.map((m, i) => [tenant, m.id, m.sku, m.warehouse, m.delta, m.reason, m.ref, m.at, m.availableAfter, base + i]));
      return { outcomes, levels: rows };
    });
  }

  reserve(tenant: string, requests: readonly ReserveRequest[], at: number): Promise<Batch<ReserveOutcome>> {
    return this.db.transaction(async (tx) => {
      // Reads, then writes, each issued together: the connection runs them in order without round trips between.
      const [holders, levels] = await Promise.all([this.lockHolders(tx, tenant, requests.map((r) => r.holder)), this.lockLevels(tx, tenant, requests.flatMap((r) => r.lines.map((l) => l.sku)))]);
      const plan = planReserve(requests, holders, levels);
      const [rows] = await Promise.all([
        this.writeLevels(tx, tenant, levels, plan.changed, at),
        upsertMany(tx, 'inventory_reservations', ['tenant', 'holder', 'state', 'lines', 'deadline', 'updated_at'], ['tenant', 'holder'], ['state', 'lines', 'deadline', 'updated_at'],
          plan.held.map((r) => [tenant, r.holder, 'held', JSON.stringify(r.lines), r.deadline, at])),
      ]);
      return { outcomes: plan.outcomes, levels: rows };
    });
  }

  settle(tenant: string, holders: readonly string[], action: SettleAction, at: number): Promise<Batch<SettleOutcome>> {
    return this.db.transaction(async (tx) => {
      const views = await this.lockHolders(tx, tenant, holders);
      const plan = planSettle(holders, views, action);
      const levels = await this.lockLevels(tx, tenant, plan.moves.map((m) => m.sku));
      const changed = new Set<string>();
      for (const m of plan.moves) {
        const key = keyOf(m);
        const next = m.apply(levels.get(key) ?? EMPTY_STOCK);
        if (!next.ok) throw new AppError('internal_error', `inventory: ${action} of ${m.quantity} × ${m.sku}@${m.warehouse} broke the stock invariant (${next.code})`);
        levels.set(key, next.level);
        changed.add(key);
      }
      const [rows] = await Promise.all([
        this.writeLevels(tx, tenant, levels, changed, at),
        ...[...plan.states].map(([holder, state]) => tx.run('UPDATE inventory_reservations SET state = ?, updated_at = ? WHERE tenant = ? AND holder = ?', [state, at, tenant, holder])),
      ]);
      return { outcomes: plan.outcomes, levels: rows };
    });
  }

  async reservation(tenant: string, holder: string): Promise<Reservation | undefined> {
    const rows = await this.db.query<Row>('SELECT holder, state, lines, deadline, updated_at FROM inventory_reservations WHERE tenant = ? AND holder = ?', [tenant, holder]);
    const r = rows[0];
    return r && { holder: String(r.holder), state: String(r.state) as HoldState, lines: JSON.parse(String(r.lines)) as Reservation['lines'], deadline: Number(r.deadline), updatedAt: Number(r.updated_at) };
  }

  async due(now: number, limit: number): Promise<Array<{ tenant: string; holder: string }>> {
    const rows = await this.db.query<Row>("SELECT tenant, holder FROM inventory_reservations WHERE state = 'held' AND deadline <= ? ORDER BY deadline, holder LIMIT ?", [now, limit]);
    return rows.map((r) => ({ tenant: String(r.tenant), holder: String(r.holder) }));
  }

  async heldHolders(tenant: string): Promise<string[]> {
    const rows = await this.db.query<Row>("SELECT holder FROM inventory_reservations WHERE tenant = ? AND state = 'held' ORDER BY holder", [tenant]);
    return rows.map((r) => String(r.holder));
  }

  async tenants(): Promise<string[]> {
    return (await this.db.query<Row>('SELECT DISTINCT tenant FROM inventory_stock ORDER BY tenant')).map((r) => String(r.tenant));
  }

  async levels(tenant: string, skus?: readonly string[]): Promise<StockRow[]> {
    const rows = skus ? await selectIn<Row>(this.db, 'SELECT sku, warehouse, available, reserved, sold FROM inventory_stock WHERE tenant = ?', [tenant], 'sku', [...new Set(skus)])
      : await this.db.query<Row>('SELECT sku, warehouse, available, reserved, sold FROM inventory_stock WHERE tenant = ?', [tenant]);
    return rows.map((r) => ({ sku: String(r.sku), warehouse: String(r.warehouse), ...levelOf(r) }))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0));
  }

  async movements(tenant: string, options: { sku?: string; limit: number }): Promise<Movement[]> {
    const params: SqlValue[] = [tenant];
    let where = 'tenant = ?';
    if (options.sku !== undefined) { where += ' AND sku = ?'; params.push(options.sku); }
    const rows = await this.db.query<Row>(`SELECT id, sku, warehouse, delta, reason, ref, at, available_after FROM inventory_movements WHERE ${where} ORDER BY seq DESC LIMIT ?`, [...params, options.limit]);
    return rows.map((r) => ({ id: String(r.id), sku: String(r.sku), warehouse: String(r.warehouse), delta: Number(r.delta), reason: String(r.reason), ref: String(r.ref), at: Number(r.at), availableAfter: Number(r.available_after) }));
  }

  /** Nothing to close: the database belongs to whoever opened it (the composition root). */
  async close(): Promise<void> {
    return undefined;
  }

  /** The holders' current states and lines, locked for the transaction. */
  private async lockHolders(tx: SqlDb, tenant: string, holders: readonly string[]): Promise<Map<string, HolderView>> {
    const rows = await selectIn<Row>(tx, 'SELECT holder, state, lines FROM inventory_reservations WHERE tenant = ?', [tenant], 'holder', [...new Set(holders)], ` ORDER BY holder${tx.dialect.lockRows}`);
    return new Map(rows.map((r) => [String(r.holder), { state: String(r.state) as HoldState, lines: JSON.parse(String(r.lines)) as HolderView['lines'] }]));
  }

  /** Levels of every warehouse of the SKUs, locked in a fixed order (no deadlocks between batches). */
  private async lockLevels(tx: SqlDb, tenant: string, skus: readonly string[]): Promise<Map<string, StockLevel>> {
    const rows = await selectIn<Row>(tx, 'SELECT sku, warehouse, available, reserved, sold FROM inventory_stock WHERE tenant = ?', [tenant], 'sku', [...new Set(skus)].sort(), ` ORDER BY sku, warehouse${tx.dialect.lockRows}`);
    return new Map(rows.map((r) => [keyOf({ sku: String(r.sku), warehouse: String(r.warehouse) }), levelOf(r)]));
  }

  private async writeLevels(tx: SqlDb, tenant: string, levels: ReadonlyMap<string, StockLevel>, changed: ReadonlySet<string>, at: number): Promise<StockRow[]> {
    const rows: StockRow[] = [];
    for (const key of changed) {
      const [sku, warehouse] = key.split('\u0000') as [string, string];
      const l = levels.get(key) ?? EMPTY_STOCK;
      rows.push({ sku, warehouse, ...l });
    }
    await upsertMany(tx, 'inventory_stock', ['tenant', 'sku', 'warehouse', 'available', 'reserved', 'sold', 'updated_at'], ['tenant', 'sku', 'warehouse'], ['available', 'reserved', 'sold', 'updated_at'],
      rows.map((r) => [tenant, r.sku, r.warehouse, r.available, r.reserved, r.sold, at]));
    return rows;
  }
}
