import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app/app.js';
import { reconcileLedger } from '../flows/reconcile-ledger.flow.js';
import { AppError } from '../shared/errors/index.js';
import { accountId, operationProblems, type CommissionRule, type LedgerOp } from '../modules/settlement/index.js';
import { principalOf, requireKey } from './auth.js';
import { boundedInt, timeParam } from './query-params.js';

const ID_PARAMS = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const tenantOf = (request: FastifyRequest): string => principalOf(request).tenant.id;
const CURRENCY = /^[A-Z]{3}$/;

/** The commission ledger: balances, journal, statements, rules, after-sale refunds, pool funding, manual transfers, reconciliation. */
export function registerLedgerRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');

  server.get('/v1/ledger/accounts', { preHandler: secret, schema: { summary: 'Every account with its posted, pending and available balance (fen)', tags: ['ledger'] } }, async (request) => {
    await app.ledger.flush();
    return { accounts: await app.ledger.accounts(tenantOf(request)) };
  });

  server.get<{ Querystring: { account?: string; orderId?: string; before?: string; limit?: string } }>('/v1/ledger/journal', {
    preHandler: secret, schema: { summary: 'Journal entries, newest first (filter by account or order; page with `before` = the last seq)', tags: ['ledger'] },
  }, async (request) => {
    const q = request.query;
    const before = q.before === undefined ? undefined : boundedInt(q.before, 1, Number.MAX_SAFE_INTEGER, 1);
    return {
      entries: await app.ledger.journal(tenantOf(request), {
        limit: boundedInt(q.limit, 1, 1_000, 100), ...(q.account ? { account: q.account } : {}), ...(q.orderId ? { orderId: q.orderId } : {}), ...(before !== undefined ? { beforeSeq: before } : {}),
      }),
    };
  });

  server.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/v1/ledger/accounts/:id/statement', {
    preHandler: secret, schema: { summary: 'A party\'s statement for [from, to): opening and closing balances and every entry', tags: ['ledger'], params: ID_PARAMS },
  }, async (request) => {
    const to = timeParam('to', request.query.to) ?? app.clock.now() + 1;
    const from = timeParam('from', request.query.from) ?? to - 30 * 86_400_000;
    if (from >= to) throw new AppError('api_invalid_request', 'from must be before to', { details: { problems: ['from: before to'] } });
    return app.ledger.statement(tenantOf(request), request.params.id, from, to);
  });

  server.get<{ Params: { id: string } }>('/v1/ledger/accounts/:id/totals', {
    preHandler: secret, schema: { summary: 'The journal amounts crediting and debiting an account, by memo (e.g. compensation vs refund in buyer_refunds:CNY)', tags: ['ledger'], params: ID_PARAMS },
  }, async (request) => ({ account: request.params.id, ...(await app.ledger.totalsByMemo(tenantOf(request), request.params.id)) }));

  server.get<{ Params: { id: string } }>('/v1/ledger/orders/:id', {
    preHandler: secret, schema: { summary: 'An order\'s split, refund window, refunds and compensation, with its journal entries', tags: ['ledger'], params: ID_PARAMS },
  }, async (request) => {
    const tenant = tenantOf(request);
    await app.ledger.flush();
    const split = await app.ledger.split(tenant, request.params.id);
    if (!split) throw new AppError('settlement_order_not_split', `Order ${request.params.id} has no split in the ledger`, { details: { orderId: request.params.id } });
    return { split, entries: await app.ledger.journal(tenant, { orderId: request.params.id, limit: 1_000 }) };
  });

  server.post<{ Params: { id: string }; Body: { refundId?: string; amountFen?: number } }>('/v1/ledger/orders/:id/refunds', {
    preHandler: secret, schema: { summary: 'An after-sale partial refund of a paid order: voided inside the refund window, clawed back after it (idempotent by refundId)', tags: ['ledger'], params: ID_PARAMS, body: { type: 'object' } },
  }, async (request) => {
    const { refundId, amountFen } = request.body ?? {};
    if (typeof refundId !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(refundId) || typeof amountFen !== 'number') {
      throw new AppError('api_invalid_request', 'refundId (1–128 printable characters) and amountFen (fen) are required', { details: { problems: ['refundId: required', 'amountFen: a positive integer'] } });
    }
    return app.ledger.require({ kind: 'refund', tenant: tenantOf(request), orderId: request.params.id, refundId, amountFen });
  });

  server.get('/v1/ledger/rules', { preHandler: secret, schema: { summary: 'Commission rules (most specific wins: campaign > creator > product > default)', tags: ['ledger'] } }, async (request) => ({ rules: await app.ledger.rules(tenantOf(request)) }));

  server.put<{ Body: { rules?: CommissionRule[] } }>('/v1/ledger/rules', {
    preHandler: secret, schema: { summary: 'Replace the commission rules (all validated; nothing stored when one is invalid)', tags: ['ledger'], body: { type: 'object' } },
  }, async (request) => {
    const rules = request.body?.rules;
    if (!Array.isArray(rules)) throw new AppError('settlement_invalid_rule', 'rules: an array of { id, scope, legs, priority, mcnId? }', { details: { problems: ['rules: an array'] } });
    await app.ledger.setRules(tenantOf(request), rules);
    return { rules: await app.ledger.rules(tenantOf(request)) };
  });

  server.post<{ Body: { id?: string; amountFen?: number; currency?: string; from?: 'topup' | 'merchant' } }>('/v1/ledger/pool/fund', {
    preHandler: secret, schema: { summary: 'Fund the compensation pool with new money (`topup`) or from the merchant\'s available balance (idempotent by id)', tags: ['ledger'], body: { type: 'object' } },
  }, async (request) => {
    const tenant = tenantOf(request);
    const { id, amountFen, currency = 'CNY', from = 'topup' } = request.body ?? {};
    if (typeof id !== 'string' || id.length === 0 || typeof amountFen !== 'number' || !CURRENCY.test(currency) || (from !== 'topup' && from !== 'merchant')) {
      throw new AppError('api_invalid_request', 'id, amountFen, currency (e.g. CNY) and from (topup | merchant) are required', { details: { problems: ['id: required', 'amountFen: a positive integer'] } });
    }
    const debit = from === 'topup' ? accountId('payments', currency) : accountId('merchant', currency, tenant);
    return app.ledger.require({ kind: 'transfers', tenant, memo: 'fund', ops: [{ op: 'transfer', kind: 'single', id: `fund:${id}`, debit, credit: accountId('compensation_pool', currency), amountFen, currency }] });
  });

  server.post<{ Body: { transfers?: LedgerOp[] } }>('/v1/ledger/transfers', {
    preHandler: secret, schema: { summary: 'Linked manual transfers (all or none; single, pending, post, void), each idempotent by id', tags: ['ledger'], body: { type: 'object' } },
  }, async (request) => {
    const ops = request.body?.transfers;
    if (!Array.isArray(ops) || ops.length === 0 || ops.length > 100) throw new AppError('api_invalid_request', 'transfers: 1–100 operations', { details: { problems: ['transfers: 1–100 operations'] } });
    const problems = ops.flatMap((op, i) => operationProblems(op, `transfers[${i}]`));
    if (problems.length > 0) throw new AppError('api_invalid_request', `${problems.length} problem(s) in the transfers; nothing was applied`, { details: { problems } });
    return app.ledger.require({ kind: 'transfers', tenant: tenantOf(request), ops });
  });

  server.get('/v1/ledger/reconciliation', {
    preHandler: secret, schema: { summary: 'Orders against the ledger (one split per paid order, reversals, windows, compensation) and the journal replay check', tags: ['ledger'] },
  }, async (request) => reconcileLedger(app, tenantOf(request), false));

  server.post('/v1/ledger/reconciliation/repair', {
    preHandler: secret, schema: { summary: 'Reconcile and carry out the missing ledger effects (idempotent)', tags: ['ledger'] },
  }, async (request) => reconcileLedger(app, tenantOf(request), true));
}
