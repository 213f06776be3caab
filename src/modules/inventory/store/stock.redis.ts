import { Redis } from 'ioredis';
import { newId } from '../../../shared/ids.js';
import { AppError } from '../../../shared/errors/index.js';
import type { AdjustOutcome, AdjustRequest, Batch, HoldLine, HoldState, Movement, Reservation, ReserveOutcome, ReserveRequest, SettleAction, SettleOutcome, StockRow, StockStore } from '../stock.store.js';
import { mergeLines } from '../domain/stock-plan.js';
import { STOCK_SCRIPTS, type StockScript } from './stock-redis.lua.js';

/** A level as the scripts return it: [sku, warehouse, available, reserved, sold] (numbers or decimal text). */
type LevelTuple = [string, string, number | string, number | string, number | string];
type ReserveTuple = ['replay'] | ['ok'] | ['bad', string, string] | ['short', string, string, number];
type SettleTuple = ['ok' | 'replay', HoldState] | ['inventory_nothing_reserved' | 'inventory_nothing_sold', HoldState | 'none'];
type ScriptCall = (...args: Array<string | number>) => Promise<unknown>;

const rowOf = (t: LevelTuple): StockRow => ({ sku: t[0], warehouse: t[1], available: Number(t[2]), reserved: Number(t[3]), sold: Number(t[4]) });
const compareRows = (a: StockRow, b: StockRow): number => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0);
/** As `validQuantity` in domain/stock-plan.ts: a positive safe integer. */
const validQuantity = (q: number): boolean => Number.isSafeInteger(q) && q > 0;

/**
 * StockStore on Redis for the flash-sale hot path: each batch (adjust, reserve, settle) is one Lua
 * script, so it is atomic and isolated from every other batch without locks; the scripts apply the same
 * rules as `domain/stock-plan.ts` (key layout and scripts: `stock-redis.lua.ts`). Needs a standalone
 * Redis (or one shard): scripts compute their keys. Every key starts with `prefix` (default `rp:`).
 * @example const store = new RedisStockStore('redis://127.0.0.1:6379', { prefix: 'rp:' }); await store.init();
 */
export class RedisStockStore implements StockStore {
  readonly engine = 'redis';
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(url: string, options: { prefix?: string } = {}) {
    this.prefix = options.prefix ?? 'rp:';
    this.redis = new Redis(url);
    // defineCommand sends EVALSHA and falls back to EVAL once when the server lacks the script.
    for (const [name, lua] of Object.entries(STOCK_SCRIPTS)) this.redis.defineCommand(name, { lua, numberOfKeys: 0 });
  }

  /** Checks the server answers (there is no schema to create). */
  async init(): Promise<void> {
    await this.redis.ping();
  }

  async adjust(tenant: string, requests: readonly AdjustRequest[], at: number): Promise<Batch<AdjustOutcome>> {
    // As validAdjustment: a delta that is not a non-zero safe integer is refused before any stock is read.
    const moves = requests.map((r): Omit<Movement, 'availableAfter'> | undefined => (Number.isSafeInteger(r.delta) && r.delta !== 0
      ? { id: newId('mov', at), sku: r.sku, warehouse: r.warehouse, delta: r.delta, reason: r.reason, ref: r.ref, at } : undefined));
    const items = moves.flatMap((m) => (m ? [{ sku: m.sku, warehouse: m.warehouse, delta: m.delta, rec: JSON.stringify(m) }] : []));
    const [after, levels] = await this.run('stockAdjust', tenant, JSON.stringify(items), at) as [number[], LevelTuple[]];
    let next = 0;
    const outcomes = moves.map((m): AdjustOutcome => {
      if (!m) return { ok: false, code: 'inventory_invalid_quantity' };
      const availableAfter = Number(after[next++]);
      return availableAfter < 0 ? { ok: false, code: 'inventory_insufficient_stock' } : { ok: true, movement: { ...m, availableAfter } };
    });
    return { outcomes, levels: levels.map(rowOf) };
  }

  async reserve(tenant: string, requests: readonly ReserveRequest[], at: number): Promise<Batch<ReserveOutcome>> {
    // Merging and quantity checks need no stock (as in planReserve); the script decides replays and stock.
    const items = requests.map((r) => {
      const lines = mergeLines(r.lines);
      const bad = lines.find((l) => !validQuantity(l.quantity)) ?? (lines.length === 0 ? { sku: '', warehouse: '' } : undefined);
      return bad ? { holder: r.holder, deadline: r.deadline, json: '', lines: [], bad: { sku: bad.sku, warehouse: bad.warehouse } }
        : { holder: r.holder, deadline: r.deadline, json: JSON.stringify(lines), lines };
    });
    const [outs, levels] = await this.run('stockReserve', tenant, JSON.stringify(items), at) as [ReserveTuple[], LevelTuple[]];
    const outcomes = outs.map((o): ReserveOutcome => {
      switch (o[0]) {
        case 'replay': return { ok: true, replay: true };
        case 'ok': return { ok: true, replay: false };
        case 'bad': return { ok: false, code: 'inventory_invalid_quantity', sku: o[1], warehouse: o[2], available: 0 };
        case 'short': return { ok: false, code: 'inventory_insufficient_stock', sku: o[1], warehouse: o[2], available: Number(o[3]) };
      }
    });
    return { outcomes, levels: levels.map(rowOf) };
  }

  async settle(tenant: string, holders: readonly string[], action: SettleAction, at: number): Promise<Batch<SettleOutcome>> {
    let result: unknown;
    try {
      result = await this.run('stockSettle', tenant, JSON.stringify(holders), at, action);
    } catch (err) {
      // The script refuses (and writes nothing) when a move would make a counter negative: a bug, not a request error.
      if (err instanceof Error && err.message.startsWith('INVARIANT ')) throw new AppError('internal_error', err.message.slice('INVARIANT '.length), { cause: err });
      throw err;
    }
    const [outs, levels] = result as [SettleTuple[], LevelTuple[]];
    const outcomes = outs.map((o): SettleOutcome => (o[0] === 'ok' || o[0] === 'replay'
      ? { ok: true, replay: o[0] === 'replay', state: o[1] as HoldState }
      : { ok: false, code: o[0], state: o[1] }));
    return { outcomes, levels: levels.map(rowOf) };
  }

  async reservation(tenant: string, holder: string): Promise<Reservation | undefined> {
    const [state, lines, deadline, updatedAt] = await this.run('stockReservation', tenant, holder) as Array<string | null>;
    if (state === null || state === undefined) return undefined;
    return { holder, state: state as HoldState, lines: JSON.parse(lines ?? '[]') as HoldLine[], deadline: Number(deadline), updatedAt: Number(updatedAt) };
  }

  async due(now: number, limit: number): Promise<Array<{ tenant: string; holder: string }>> {
    if (!(limit > 0)) return [];
    const pairs = await this.run('stockDue', '', now, Math.floor(limit)) as Array<[string, string]>;
    return pairs.map(([tenant, holder]) => ({ tenant, holder }));
  }

  async heldHolders(tenant: string): Promise<string[]> {
    return await this.run('stockHeld', tenant) as string[];
  }

  async tenants(): Promise<string[]> {
    return await this.run('stockTenants', '') as string[];
  }

  async levels(tenant: string, skus?: readonly string[]): Promise<StockRow[]> {
    const rows = await this.run('stockLevels', tenant, skus ? JSON.stringify([...new Set(skus)]) : '') as LevelTuple[];
    return rows.map(rowOf).sort(compareRows);
  }

  async movements(tenant: string, options: { sku?: string; limit: number }): Promise<Movement[]> {
    if (!(options.limit > 0)) return [];
    const args: Array<string | number> = [Math.floor(options.limit)];
    if (options.sku !== undefined) args.push(options.sku);
    const recs = await this.run('stockMovements', tenant, ...args) as string[];
    return recs.map((r) => JSON.parse(r) as Movement);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** Runs one of the scripts with ARGV = [prefix, tenant, …args]. */
  private run(name: StockScript, tenant: string, ...args: Array<string | number>): Promise<unknown> {
    const call = (this.redis as unknown as Record<StockScript, ScriptCall>)[name];
    return call.call(this.redis, this.prefix, tenant, ...args);
  }
}
