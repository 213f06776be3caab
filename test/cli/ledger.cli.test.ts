import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// The demo shop's ledger through the CLI: balances, journal, a statement, rules and reconciliation.
describe('reelpath ledger', () => {
  let data: string;
  beforeAll(async () => {
    data = makeDataDir('rp-ledger-');
    const demo = await runReelpath(['demo', '--no-serve', '--events', '2000', '--data', data]);
    expect(demo.code, demo.stderr).toBe(0);
  });
  afterAll(() => removeDataDir(data));
  const dir = (): string => `${data}/demo`;

  it('lists balances that sum to zero and the journal of one order', async () => {
    const run = await runReelpath(['ledger', 'balances', '--tenant', 'demo', '--json', '--data', dir()]);
    expect(run.code, run.stderr).toBe(0);
    const { accounts, sumFen } = run.json() as { accounts: Array<{ id: string; pendingFen: number; postedFen: number }>; sumFen: number };
    expect(sumFen).toBe(0);
    expect(accounts.map((a) => a.id)).toEqual(expect.arrayContaining(['clearing:CNY', 'payments:CNY', 'platform:CNY', 'merchant:demo:CNY', 'creator:c_lin:CNY', 'creator:c_chen:CNY', 'mcn:mcn_xingguang:CNY', 'compensation_pool:CNY', 'buyer_refunds:CNY']));
    const journal = await runReelpath(['ledger', 'journal', '--tenant', 'demo', '--account', 'compensation_pool:CNY', '--json', '--data', dir()]);
    const memos = (journal.json().entries as Array<{ memo: string }>).map((e) => e.memo);
    expect(memos).toContain('fund');
    expect(memos).toContain('compensation');
  });

  it('prints a creator statement and the rules in Chinese, and reconciles (exit 0)', async () => {
    const statement = await runReelpath(['ledger', 'statement', 'creator:c_lin:CNY', '--tenant', 'demo', '--lang', 'zh', '--data', dir()]);
    expect(statement.code, statement.stderr).toBe(0);
    expect(statement.stdout).toMatch(/creator:c_lin:CNY 对账单/);
    expect(statement.stdout).toContain('split');
    const rules = await runReelpath(['ledger', 'rules', '--tenant', 'demo', '--json', '--data', dir()]);
    expect((rules.json().rules as Array<{ id: string }>).map((r) => r.id)).toEqual(['chen_tea', 'default', 'double11_lin']);
    const rec = await runReelpath(['ledger', 'reconcile', '--tenant', 'demo', '--lang', 'zh', '--data', dir()]);
    expect(rec.code, rec.stdout + rec.stderr).toBe(0);
    expect(rec.stdout).toMatch(/对账一致：检查 \d+ 个订单/);
  });

  it('refuses a bad rule file with the problems listed (exit 3) and keeps the old rules', async () => {
    const bad = `${data}/bad-rules.json`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, JSON.stringify({ rules: [{ id: 'x', scope: {}, priority: 0, legs: [{ party: 'nobody', basisPoints: 1 }] }] }));
    const run = await runReelpath(['ledger', 'rules', '--set', bad, '--tenant', 'demo', '--json', '--data', dir()]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('settlement_invalid_rule');
    const rules = await runReelpath(['ledger', 'rules', '--tenant', 'demo', '--json', '--data', dir()]);
    expect((rules.json().rules as unknown[]).length).toBe(3);
  });

  it('finds a paid order whose split was lost (exit 4) and repairs it', async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${dir()}/reelpath.sqlite`);
    const order = (db.prepare("SELECT order_id FROM settlement_orders WHERE status = 'pending' ORDER BY order_id LIMIT 1").get() as { order_id: string }).order_id;
    // A process that died between writing the order and its split leaves exactly this: the order paid, no ledger entries.
    const journal = db.prepare('SELECT * FROM settlement_journal WHERE order_id = ?').all(order) as Array<{ debit: string; credit: string; amount: number; kind: string | null; op: string }>;
    db.prepare('DELETE FROM settlement_journal WHERE order_id = ?').run(order);
    db.prepare('DELETE FROM settlement_orders WHERE order_id = ?').run(order);
    for (const j of journal) {
      const pending = j.op === 'transfer' && j.kind === 'pending';
      db.prepare(`UPDATE settlement_accounts SET ${pending ? 'debits_pending' : 'debits_posted'} = ${pending ? 'debits_pending' : 'debits_posted'} - ? WHERE id = ?`).run(j.amount, j.debit);
      db.prepare(`UPDATE settlement_accounts SET ${pending ? 'credits_pending' : 'credits_posted'} = ${pending ? 'credits_pending' : 'credits_posted'} - ? WHERE id = ?`).run(j.amount, j.credit);
    }
    db.close();
    const found = await runReelpath(['ledger', 'reconcile', '--tenant', 'demo', '--json', '--data', dir()]);
    expect(found.code).toBe(4);
    expect(found.json().issues).toEqual([{ code: 'missing_split', orderId: order, detail: expect.stringContaining('no split'), repaired: false }]);
    const repaired = await runReelpath(['ledger', 'reconcile', '--repair', '--tenant', 'demo', '--json', '--data', dir()]);
    expect(repaired.code, repaired.stdout).toBe(0);
    expect(repaired.json().issues[0].repaired).toBe(true);
    const again = await runReelpath(['ledger', 'reconcile', '--tenant', 'demo', '--json', '--data', dir()]);
    expect([again.code, again.json().issues]).toEqual([0, []]);
  });
});
