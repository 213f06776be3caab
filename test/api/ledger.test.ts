import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { fixedClock } from '../../src/shared/time.js';
import { sendPaymentCallback } from '../harness/payments.js';
import { commerceWorld } from '../builders/commerce.builder.js';
import { commerceBackends } from '../harness/commerce-backends.js';

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY = 86_400_000;

// Paying, delivering, refunding and missing a promise move money on the ledger — on every backend.
for (const backend of await commerceBackends('ledger_api')) {
  describe(`the commission ledger over the API — ${backend.name}`, () => {
    const clock = fixedClock(T0);
    let t: TestApp;
    let callbacks = 0;
    let firstOrder = '';
    const send = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
      t.server.inject({ method, url, headers: { authorization: `Bearer ${t.secretKey}`, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
    async function pay(orderId: string, amountFen: number, type = 'paid'): Promise<LightMyRequestResponse> {
      return sendPaymentCallback(t, 't1', { callbackId: `cb_${++callbacks}`, orderId, type, amountFen });
    }
    async function placePaid(key: string, lines: Array<{ sku: string; quantity: number }>, attribution?: Record<string, string>): Promise<{ id: string; amountFen: number }> {
      const placed = await send('POST', '/v1/orders', { clientKey: key, buyer: `buyer_${key}`, destination: { region: 'CN-ZJ' }, lines, ...(attribution ? { attribution } : {}) });
      expect(placed.statusCode, placed.body).toBe(201);
      const order = placed.json().order as { id: string; amountFen: number };
      expect((await pay(order.id, order.amountFen)).statusCode).toBe(200);
      return order;
    }
    const balances = async (): Promise<Record<string, [number, number]>> => Object.fromEntries(((await send('GET', '/v1/ledger/accounts')).json().accounts as Array<{ id: string; pendingFen: number; postedFen: number }>).map((a) => [a.id, [a.pendingFen, a.postedFen]]));

    beforeAll(async () => {
      t = await startTestApp({ clock, env: backend.env });
      const world = commerceWorld();
      expect((await send('PUT', '/v1/catalogue', world.catalogue)).statusCode).toBe(200);
      expect((await send('POST', '/v1/stock/adjustments', { adjustments: world.stock })).statusCode).toBe(200);
      const rules = await send('PUT', '/v1/ledger/rules', { rules: [
        { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 500 }] },
        { id: 'star', scope: { creatorId: 'c_star' }, mcnId: 'mcn_1', priority: 0, legs: [{ party: 'platform', basisPoints: 500 }, { party: 'creator', basisPoints: 2000 }, { party: 'mcn', basisPoints: 500 }] },
      ] });
      expect(rules.statusCode, rules.body).toBe(200);
    });
    afterAll(async () => { await t.close(); });

    it('splits a paid order at once, holds it through the refund window, then posts it', async () => {
      const o = await placePaid('ledger-0001', [{ sku: 'tea', quantity: 2 }], { creatorId: 'c_star' });
      firstOrder = o.id;
      // 13,800 fen: platform 690, creator 2,760, MCN 690, merchant 9,660 — all pending.
      expect(await balances()).toMatchObject({ 'platform:CNY': [690, 0], 'creator:c_star:CNY': [2_760, 0], 'mcn:mcn_1:CNY': [690, 0], 'merchant:t1:CNY': [9_660, 0], 'clearing:CNY': [-13_800, 13_800] });
      expect((await pay(o.id, o.amountFen)).statusCode).toBe(200); // a second provider notification: split once
      const split = (await send('GET', `/v1/ledger/orders/${o.id}`)).json();
      expect(split.split).toMatchObject({ status: 'pending', amountFen: 13_800, rules: ['star'], closesAt: null });
      expect(split.entries).toHaveLength(5);
      for (const status of ['picked', 'shipped', 'delivered']) expect((await send('POST', `/v1/orders/${o.id}/logistics`, { status })).statusCode).toBe(200);
      expect((await send('GET', `/v1/ledger/orders/${o.id}`)).json().split.closesAt).toBe(T0 + 7 * DAY);
      clock.advance(7 * DAY);
      expect(await t.app.settlement.settleDue()).toBe(1);
      expect(await balances()).toMatchObject({ 'creator:c_star:CNY': [0, 2_760], 'merchant:t1:CNY': [0, 9_660], 'clearing:CNY': [0, 0] });
      const statement = (await send('GET', `/v1/ledger/accounts/creator:c_star:CNY/statement?from=${T0 - DAY}&to=${clock.now() + 1}`)).json();
      expect([statement.opening.creditsPosted, statement.closing.creditsPosted, statement.entries.map((e: { memo: string }) => e.memo)]).toEqual([0, 2_760, ['post', 'split']]);
    });

    it('voids a refund inside the window, claws back a partial after-sale refund after it, and refuses more than was paid', async () => {
      const inside = await placePaid('ledger-0002', [{ sku: 'cup', quantity: 1 }]);
      expect((await pay(inside.id, inside.amountFen, 'refunded')).statusCode).toBe(200);
      expect((await send('GET', `/v1/ledger/orders/${inside.id}`)).json().split).toMatchObject({ status: 'refunded', refundedFen: 1_500, legs: [] });
      const before = await balances();
      const posted = firstOrder;
      const r = await send('POST', `/v1/ledger/orders/${posted}/refunds`, { refundId: 'as_1', amountFen: 1_380 });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().split.refunds[0].clawbacks.map((c: { account: string; fromAvailable: number }) => [c.account, c.fromAvailable])).toEqual([['platform:CNY', 69], ['creator:c_star:CNY', 276], ['mcn:mcn_1:CNY', 69], ['merchant:t1:CNY', 966]]);
      const after = await balances();
      expect(after['buyer_refunds:CNY']![1] - before['buyer_refunds:CNY']![1]).toBe(1_380);
      expect((await send('POST', `/v1/ledger/orders/${posted}/refunds`, { refundId: 'as_1', amountFen: 1_380 })).json().replay).toBe(true);
      const tooMuch = await send('POST', `/v1/ledger/orders/${posted}/refunds`, { refundId: 'as_2', amountFen: 12_421 });
      expect([tooMuch.statusCode, tooMuch.json().error.code]).toEqual([409, 'settlement_refund_exceeds_paid']);
      expect(await balances()).toEqual(after);
    });

    it('pays a missed promise from the pool, and reconciliation finds every order settled', async () => {
      expect((await send('POST', '/v1/ledger/pool/fund', { id: 'pool-1', amountFen: 500 })).statusCode).toBe(200);
      const late = await placePaid('ledger-0003', [{ sku: 'lamp', quantity: 1 }]);
      clock.advance(49 * 3_600_000);
      const swept = await t.app.orderSweeper.sweep();
      expect(swept.compensated.map((o) => o.id)).toEqual([late.id]);
      // 5 % of 19,900 = 995 fen: 500 from the pool, 495 from the merchant's available earnings.
      expect((await send('GET', `/v1/ledger/orders/${late.id}`)).json().split.compensation).toMatchObject({ amountFen: 995, fromPool: 500, fromMerchant: 495, owed: 0 });
      const rec = (await send('GET', '/v1/ledger/reconciliation')).json();
      expect(rec).toMatchObject({ ok: true, issues: [], paidOrders: 3, splits: 3, ledger: { ok: true, sums: { CNY: 0 } } });
    });

    it('refuses malformed transfers, unknown accounts and bad rules, applying nothing', async () => {
      const before = await balances();
      const cases: Array<[string, unknown, number, string]> = [
        ['/v1/ledger/transfers', { transfers: [{ op: 'transfer', id: 'm1', debit: 'payments:CNY', credit: 'platform:CNY', amountFen: 10, currency: 'CNY', kind: 'single' }, { op: 'transfer', id: 'm2', debit: 'x', credit: 'platform:CNY', amountFen: 10, currency: 'CNY', kind: 'single' }] }, 404, 'settlement_unknown_account'],
        ['/v1/ledger/transfers', { transfers: [{ op: 'transfer', id: 'm3', debit: 'payments:CNY', credit: 'platform:CNY', amountFen: 10, currency: 'CNY' }] }, 400, 'api_invalid_request'],
        ['/v1/ledger/transfers', { transfers: [{ op: 'transfer', id: 'm4', debit: 'payments:CNY', credit: 'platform:CNY', amountFen: 1.5, currency: 'CNY', kind: 'single' }] }, 400, 'settlement_invalid_amount'],
        ['/v1/ledger/transfers', { transfers: [{ op: 'post', id: 'm5', pendingId: 'nope' }] }, 404, 'settlement_pending_not_found'],
        ['/v1/ledger/pool/fund', { id: 'pool-x', amountFen: 10_000_000, from: 'merchant' }, 409, 'settlement_exceeds_limit'],
      ];
      for (const [url, body, status, code] of cases) {
        const r = await send('POST', url, body);
        expect([r.statusCode, r.json().error.code], JSON.stringify(body)).toEqual([status, code]);
      }
      const rule = await send('PUT', '/v1/ledger/rules', { rules: [{ id: 'bad', scope: {}, priority: 0, legs: [{ party: 'creator', basisPoints: 20_000 }, { party: 'mcn', basisPoints: 1 }] }] });
      expect([rule.statusCode, rule.json().error.code, rule.json().error.details.problems.length]).toEqual([400, 'settlement_invalid_rule', 3]);
      expect((await send('GET', '/v1/ledger/rules')).json().rules.map((r: { id: string }) => r.id)).toEqual(['default', 'star']);
      expect(await balances()).toEqual(before);
    });
  });
}
