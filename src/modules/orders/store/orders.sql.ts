import { insertManyIgnore, insertNewReturning, migrate, selectIn, upsertMany, type SqlDb, type SqlValue } from '../../../storage/sql-db.js';
import { COUNTING_STATES, type Order, type Sale } from '../domain/order.js';
import type { OrderState } from '../domain/order-state.js';
import type { OrderFilter, OrdersStore, StoredCallback } from '../orders.store.js';

const MIGRATIONS = [{
  id: 'orders_0001',
  sql: `CREATE TABLE orders (tenant TEXT NOT NULL, id TEXT NOT NULL, client_key TEXT NOT NULL, buyer TEXT NOT NULL, sale_id TEXT,
          state TEXT NOT NULL, version BIGINT NOT NULL, units BIGINT NOT NULL, created_at BIGINT NOT NULL, promise_due BIGINT, compensated INTEGER NOT NULL,
          body TEXT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE UNIQUE INDEX orders_client_key ON orders (tenant, client_key);
        CREATE INDEX orders_created ON orders (tenant, created_at);
        CREATE INDEX orders_sale_buyer ON orders (tenant, sale_id, buyer);
        CREATE INDEX orders_promise ON orders (promise_due) WHERE state IN ('paid', 'picked');
        CREATE TABLE orders_callbacks (tenant TEXT NOT NULL, callback_id TEXT NOT NULL, order_id TEXT NOT NULL, kind TEXT NOT NULL,
          state TEXT NOT NULL, outcome TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (tenant, callback_id));
        CREATE TABLE orders_sales (tenant TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (tenant, id));`,
}, {
  // Order ids are time-sortable: the primary key lists orders newest first, and a sale's orders are found
  // by sale alone (its buyers are summed once per process). Each index an order does not need is one
  // fewer random B-tree insert on the hot path (ADR 0014).
  id: 'orders_0002',
  sql: `DROP INDEX orders_created;
        DROP INDEX orders_sale_buyer;
        CREATE INDEX orders_sale ON orders (tenant, sale_id);`,
}];

type Row = Record<string, string | number | null>;
const ORDER_COLUMNS = ['tenant', 'id', 'client_key', 'buyer', 'sale_id', 'state', 'version', 'units', 'created_at', 'promise_due', 'compensated', 'body'];

const unitsOf = (o: Order): number => o.lines.reduce((n, l) => n + l.quantity, 0);
const rowOf = (o: Order): SqlValue[] => [o.tenant, o.id, o.clientKey, o.buyer, o.saleId, o.state, o.version, unitsOf(o), o.createdAt, o.promiseDue, o.compensation ? 1 : 0, JSON.stringify(o)];
const orderOf = (r: Row): Order => JSON.parse(String(r.body)) as Order;
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** OrdersStore on SQLite or PostgreSQL. Orders are JSON bodies beside the columns the queries filter on. */
export class SqlOrdersStore implements OrdersStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  /**
   * No transaction: each multi-row statement is atomic, and an order written without its neighbours
   * (a crash between two statements) was never acknowledged — its client's retry finds it by key.
   */
  async insert(orders: readonly Order[]): Promise<boolean[]> {
    // A batch never names a client key twice (placement joins concurrent replays); the first copy counts if it does.
    const seen = new Set<string>();
    const key = (tenant: unknown, clientKey: unknown): string => `${String(tenant)}\u0000${String(clientKey)}`;
    const unique = orders.filter((o) => { const k = key(o.tenant, o.clientKey); if (seen.has(k)) return false; seen.add(k); return true; });
    const inserted = new Set((await insertNewReturning(this.db, 'orders', ORDER_COLUMNS, ['tenant', 'client_key'], ['tenant', 'id'], unique.map(rowOf))).map((r) => `${String(r.tenant)}\u0000${String(r.id)}`));
    return orders.map((o) => inserted.delete(`${o.tenant}\u0000${o.id}`));
  }

  async get(tenant: string, id: string): Promise<Order | undefined> {
    const rows = await this.db.query<Row>('SELECT body FROM orders WHERE tenant = ? AND id = ?', [tenant, id]);
    return rows[0] && orderOf(rows[0]);
  }

  async byClientKeys(tenant: string, keys: readonly string[]): Promise<Order[]> {
    return this.selectIn(tenant, 'client_key', keys);
  }

  async clientKeysSince(tenant: string, sinceId: string): Promise<string[]> {
    return (await this.db.query<Row>('SELECT client_key FROM orders WHERE tenant = ? AND id >= ?', [tenant, sinceId])).map((r) => String(r.client_key));
  }

  async getMany(tenant: string, ids: readonly string[]): Promise<Order[]> {
    return this.selectIn(tenant, 'id', ids);
  }

  private async selectIn(tenant: string, column: 'id' | 'client_key', values: readonly string[]): Promise<Order[]> {
    return (await selectIn<Row>(this.db, 'SELECT body FROM orders WHERE tenant = ?', [tenant], column, values)).map(orderOf);
  }

  async update(next: Order): Promise<boolean> {
    const changed = await this.db.run('UPDATE orders SET state = ?, version = ?, units = ?, promise_due = ?, compensated = ?, body = ? WHERE tenant = ? AND id = ? AND version = ?',
      [next.state, next.version, unitsOf(next), next.promiseDue, next.compensation ? 1 : 0, JSON.stringify(next), next.tenant, next.id, next.version - 1]);
    return changed === 1;
  }

  async list(tenant: string, f: OrderFilter): Promise<Order[]> {
    const where = ['tenant = ?'];
    const params: SqlValue[] = [tenant];
    if (f.state !== undefined) { where.push('state = ?'); params.push(f.state); }
    if (f.saleId !== undefined) { where.push('sale_id = ?'); params.push(f.saleId); }
    if (f.buyer !== undefined) { where.push('buyer = ?'); params.push(f.buyer); }
    if (f.beforeId !== undefined) { where.push('id < ?'); params.push(f.beforeId); }
    if (f.dueBy !== undefined) { where.push("state IN ('paid', 'picked') AND promise_due <= ?"); params.push(f.dueBy); }
    const order = f.dueBy !== undefined ? 'promise_due, id' : 'id DESC';
    return (await this.db.query<Row>(`SELECT body FROM orders WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`, [...params, f.limit])).map(orderOf);
  }

  async breached(now: number, limit: number): Promise<Array<{ tenant: string; id: string }>> {
    const rows = await this.db.query<Row>("SELECT tenant, id FROM orders WHERE state IN ('paid', 'picked') AND promise_due <= ? AND compensated = 0 ORDER BY promise_due, id LIMIT ?", [now, limit]);
    return rows.map((r) => ({ tenant: String(r.tenant), id: String(r.id) }));
  }

  async buyerUnits(tenant: string, saleId: string): Promise<Map<string, number>> {
    const rows = await this.db.query<Row>(`SELECT buyer, SUM(units) AS units FROM orders WHERE tenant = ? AND sale_id = ? AND state IN (${marks(COUNTING_STATES.length)}) GROUP BY buyer`,
      [tenant, saleId, ...COUNTING_STATES]);
    return new Map(rows.map((r) => [String(r.buyer), Number(r.units)]));
  }

  async callback(tenant: string, callbackId: string): Promise<StoredCallback | undefined> {
    const rows = await this.db.query<Row>('SELECT callback_id, order_id, kind, state, outcome, at FROM orders_callbacks WHERE tenant = ? AND callback_id = ?', [tenant, callbackId]);
    const r = rows[0];
    return r && { callbackId: String(r.callback_id), orderId: String(r.order_id), kind: String(r.kind), state: String(r.state) as OrderState, outcome: String(r.outcome), at: Number(r.at) };
  }

  async recordCallback(tenant: string, c: StoredCallback): Promise<boolean> {
    return (await insertManyIgnore(this.db, 'orders_callbacks', ['tenant', 'callback_id', 'order_id', 'kind', 'state', 'outcome', 'at'], ['tenant', 'callback_id'],
      [[tenant, c.callbackId, c.orderId, c.kind, c.state, c.outcome, c.at]])) === 1;
  }

  async upsertSale(sale: Sale): Promise<void> {
    await upsertMany(this.db, 'orders_sales', ['tenant', 'id', 'body', 'created_at'], ['tenant', 'id'], ['body'], [[sale.tenant, sale.id, JSON.stringify(sale), sale.createdAt]]);
  }

  async sale(tenant: string, id: string): Promise<Sale | undefined> {
    const rows = await this.db.query<Row>('SELECT body FROM orders_sales WHERE tenant = ? AND id = ?', [tenant, id]);
    return rows[0] && (JSON.parse(String(rows[0].body)) as Sale);
  }

  async sales(tenant: string): Promise<Sale[]> {
    return (await this.db.query<Row>('SELECT body FROM orders_sales WHERE tenant = ? ORDER BY created_at DESC, id', [tenant])).map((r) => JSON.parse(String(r.body)) as Sale);
  }
}
