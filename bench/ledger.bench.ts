/**
 * `reelpath bench ledger`: order splits through the real LedgerService (group commit of linked transfers
 * on the app's store) against a plain design in the same run — one transaction per split that reads and
 * updates each account row and inserts its journal rows — then postings when refund windows close, and
 * the provenance log (bench/trace-log.bench.ts) when `logEntries` > 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../src/app/app.js';
import { openPostgres } from '../src/storage/postgres-db.js';
import { openSqlite } from '../src/storage/sqlite-db.js';
import type { SqlDb } from '../src/storage/sql-db.js';
import { planOrderSplit, type CommissionRule, type LedgerOp } from '../src/modules/settlement/index.js';
import { describeMachine, quantile, sampleRss } from './machine.js';
import { openBenchApp } from './flash-sale.bench.js';

export interface LedgerBenchOptions {
  readonly engine: 'sqlite' | 'postgres';
  readonly pgUrl?: string | undefined;
  /** Orders split (each: the payment into clearing + one pending leg per party). */
  readonly orders: number;
  readonly clients: number;
  /** Entries appended to the provenance log (0: skip the log benchmark). */
  readonly logEntries: number;
  readonly onProgress?: (line: string) => void;
}

const TENANT = 'bench';
const CREATORS = 200;
const RULES: CommissionRule[] = [
  { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 500 }] },
  { id: 'creators', scope: { campaignId: 'live' }, mcnId: 'mcn_1', priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 2_000 }, { party: 'mcn', basisPoints: 500 }] },
];
const factsOf = (i: number) => ({ orderId: `ord_${String(i).padStart(9, '0')}`, amountFen: 990 + (i % 97) * 113, currency: 'CNY', creatorId: `c_${i % CREATORS}`, campaignId: 'live' });

/** Runs `work(i)` for i in [0, n) from `clients` concurrent loops; answers per-call latencies (ms) and seconds. */
async function drive(n: number, clients: number, work: (i: number) => Promise<unknown>, onProgress?: (done: number) => void): Promise<{ seconds: number; ms: number[] }> {
  let next = 0;
  const ms: number[] = [];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < n; i = next++) {
      const t = performance.now();
      await work(i);
      ms.push(performance.now() - t);
      if (onProgress && ms.length % 20_000 === 0) onProgress(ms.length);
    }
  }));
  return { seconds: (performance.now() - t0) / 1000, ms };
}

/** The plain design: each split its own transaction, every account row read (locked) and written, journal rows inserted one by one. */
async function rowPerTransferBaseline(o: LedgerBenchOptions, dbUrl: string | undefined, orders: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-ledger-base-'));
  const db: SqlDb = o.engine === 'postgres' ? openPostgres(dbUrl!, { max: 32 }) : openSqlite(join(dir, 'baseline.sqlite'), { thread: true });
  try {
    await db.exec(`CREATE TABLE bl_accounts (id TEXT PRIMARY KEY, debits BIGINT NOT NULL, credits BIGINT NOT NULL, allow_negative INTEGER NOT NULL);
      CREATE TABLE bl_journal (id TEXT PRIMARY KEY, debit TEXT NOT NULL, credit TEXT NOT NULL, amount BIGINT NOT NULL, at BIGINT NOT NULL)`);
    let transfers = 0;
    const run = await drive(orders, o.clients, async (i) => {
      const plan = planOrderSplit(RULES, factsOf(i), TENANT);
      if (!plan.ok) throw new Error(plan.reason);
      await db.transaction(async (tx) => {
        for (const op of plan.ops as Array<Extract<LedgerOp, { op: 'transfer' }>>) {
          for (const [id, side] of [[op.debit, 'debits'], [op.credit, 'credits']] as const) {
            const rows = await tx.query<{ debits: number; credits: number; allow_negative: number }>(`SELECT debits, credits, allow_negative FROM bl_accounts WHERE id = ?${tx.dialect.lockRows}`, [id]);
            const row = rows[0];
            if (!row) { await tx.run('INSERT INTO bl_accounts (id, debits, credits, allow_negative) VALUES (?, 0, 0, ?)', [id, id.startsWith('payments') ? 1 : 0]); }
            if (side === 'debits' && row && Number(row.allow_negative) === 0 && Number(row.credits) - Number(row.debits) < op.amountFen) throw new Error(`limit ${id}`);
            await tx.run(`UPDATE bl_accounts SET ${side} = ${side} + ? WHERE id = ?`, [op.amountFen, id]);
          }
          await tx.run('INSERT INTO bl_journal (id, debit, credit, amount, at) VALUES (?, ?, ?, ?, ?)', [op.id, op.debit, op.credit, op.amountFen, Date.now()]);
          transfers++;
        }
      });
    });
    return { orders, transfers, seconds: round(run.seconds), splitsPerSec: Math.round(orders / run.seconds), transfersPerSec: Math.round(transfers / run.seconds), p50Ms: round(quantile(run.ms, 0.5)), p99Ms: round(quantile(run.ms, 0.99)) };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Splits `orders` orders through the ledger, posts them all when their windows close, and compares with the baseline. */
export async function benchLedger(o: LedgerBenchOptions): Promise<Record<string, unknown>> {
  const say = o.onProgress ?? (() => undefined);
  const opened = await openBenchApp({ engine: o.engine, pgUrl: o.pgUrl });
  const app: App = opened.app;
  const rss = sampleRss();
  try {
    await app.ledger.setRules(TENANT, RULES);
    say(`splitting ${o.orders.toLocaleString('en-US')} orders from ${o.clients} clients`);
    let transfers = 0;
    let refused = 0;
    const splits = await drive(o.orders, o.clients, async (i) => {
      const r = await app.ledger.splitOrder(TENANT, factsOf(i), app.clock.now());
      if (r.ok) transfers += r.transfers.length; else refused++;
    }, (d) => say(`${d.toLocaleString('en-US')} split`));
    await app.ledger.flush();
    say('delivering every order, then posting them when the refund window closes');
    const delivered = await drive(o.orders, o.clients, (i) => app.ledger.submit({ kind: 'deliver', tenant: TENANT, orderId: factsOf(i).orderId, deliveredAt: app.clock.now() - 8 * 86_400_000 }));
    const t0 = performance.now();
    const posted = await app.ledger.settleDue(2_000);
    const postSeconds = (performance.now() - t0) / 1000;
    const check = await app.ledger.check(TENANT);
    say(`baseline: one transaction per split, ${Math.min(o.orders, 50_000).toLocaleString('en-US')} orders`);
    const baseline = await rowPerTransferBaseline(o, opened.dbUrl, Math.min(o.orders, 50_000));
    const transfersPerSec = Math.round(transfers / splits.seconds);
    const log = o.logEntries > 0 ? await (await import('./trace-log.bench.js')).benchTraceLog({ entries: o.logEntries, onProgress: (line: string) => say(`log:${line}`) }) : null;
    return {
      engine: o.engine, orders: o.orders, clients: o.clients, refused,
      transfers, splitSeconds: round(splits.seconds), transfersPerSec, splitsPerSec: Math.round(o.orders / splits.seconds), splitP50Ms: round(quantile(splits.ms, 0.5)), splitP99Ms: round(quantile(splits.ms, 0.99)),
      deliveriesPerSec: Math.round(o.orders / delivered.seconds), posted, postSeconds: round(postSeconds), postedOrdersPerSec: Math.round(posted / postSeconds),
      journalEntries: check.journalEntries, checkOk: check.ok, sums: check.sums,
      baseline, ratio: round(transfersPerSec / Number(baseline.transfersPerSec)),
      log, peakRssMb: rss.stop(), machine: describeMachine(),
    };
  } finally {
    rss.stop();
    await opened.close();
  }
}
