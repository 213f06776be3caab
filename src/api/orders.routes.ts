import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app/app.js';
import { refusal } from '../flows/order-events.flow.js';
import { AppError } from '../shared/errors/index.js';
import { checkSignedBody, SIGNATURE_HEADERS } from '../shared/signed-body.js';
import { TenantsService } from '../modules/tenants/index.js';
import { ORDER_STATES, type LogisticsEvent, type Order, type OrderEvent, type OrderState, type PlacementInput } from '../modules/orders/index.js';
import { principalOf, requireKey } from './auth.js';
import { boundedInt, timeParam } from './query-params.js';

const ID_PARAMS = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const LOGISTICS: Readonly<Record<string, LogisticsEvent>> = { picked: 'pick', shipped: 'ship', in_transit: 'in_transit', delivered: 'deliver' };
const CALLBACKS: Readonly<Record<string, OrderEvent>> = { paid: 'pay', refunded: 'refund', cancelled: 'cancel' };

interface CallbackBody { callbackId?: unknown; orderId?: unknown; type?: unknown; amountFen?: unknown }
interface LogisticsBody { status?: unknown; at?: unknown; carrier?: unknown; trackingNo?: unknown }

const tenantOf = (request: FastifyRequest): string => principalOf(request).tenant.id;

function invalid(problem: string): AppError {
  return new AppError('orders_invalid_request', `Request rejected: ${problem}`, { details: { problems: [problem] } });
}

/** What a buyer may see of an order: progress, the promise and any compensation. */
function buyerView(o: Order): Record<string, unknown> {
  return { id: o.id, state: o.state, amountFen: o.amountFen, currency: o.currency, lines: o.lines, paymentDeadline: o.paymentDeadline, promiseDue: o.promiseDue, shippedAt: o.shippedAt, deliveredAt: o.deliveredAt, logistics: o.logistics, compensation: o.compensation };
}

/** Orders: placement (idempotent by client key), reads, the overdue board, logistics and signed payment callbacks. */
export function registerOrderRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');
  const write = requireKey(app, 'write');

  server.post<{ Body: PlacementInput }>('/v1/orders', {
    preHandler: secret,
    schema: { summary: 'Place an order (reserve, route to the nearest warehouse with stock); the same clientKey returns the same order', tags: ['orders'], body: { type: 'object' } },
  }, async (request, reply) => {
    const placed = await app.checkout.place(tenantOf(request), request.body);
    return reply.code(placed.replay ? 200 : 201).send(placed);
  });

  server.get<{ Querystring: { state?: string; saleId?: string; buyer?: string; limit?: string } }>('/v1/orders', {
    preHandler: secret, schema: { summary: 'Orders, newest first', tags: ['orders'] },
  }, async (request) => {
    const q = request.query;
    if (q.state !== undefined && !ORDER_STATES.includes(q.state as OrderState)) throw invalid(`state: one of ${ORDER_STATES.join(', ')}`);
    const limit = boundedInt(q.limit, 1, 1000, 100);
    return { orders: await app.orders.list(tenantOf(request), { limit, ...(q.state ? { state: q.state as OrderState } : {}), ...(q.saleId ? { saleId: q.saleId } : {}), ...(q.buyer ? { buyer: q.buyer } : {}) }) };
  });

  server.get<{ Querystring: { withinHours?: string; limit?: string } }>('/v1/orders/overdue', {
    preHandler: secret, schema: { summary: 'The overdue board: paid orders past their ship-by time (compensated once) and those due within `withinHours` (default 6)', tags: ['orders'] },
  }, async (request) => app.orders.overdueBoard(tenantOf(request), boundedInt(request.query.withinHours, 0, 720, 6), boundedInt(request.query.limit, 1, 1000, 200)));

  server.get<{ Params: { id: string } }>('/v1/orders/:id', { preHandler: secret, schema: { summary: 'One order with its allocations, logistics, promise and compensation', tags: ['orders'], params: ID_PARAMS } },
    async (request) => app.orders.require(tenantOf(request), request.params.id));

  server.get<{ Params: { id: string }; Querystring: { buyer?: string } }>('/v1/orders/:id/status', {
    preHandler: write, schema: { summary: 'The buyer\'s view of an order (write key + the buyer id): state, ship-by promise, logistics, compensation', tags: ['orders'], params: ID_PARAMS },
  }, async (request) => {
    const o = await app.orders.get(tenantOf(request), request.params.id);
    if (!o || o.buyer !== request.query.buyer) throw new AppError('orders_not_found', 'No such order for this buyer', { details: { orderId: request.params.id } });
    return buyerView(o);
  });

  server.post<{ Params: { id: string } }>('/v1/orders/:id/cancel', { preHandler: secret, schema: { summary: 'Cancel an unpaid order (its units are released at once)', tags: ['orders'], params: ID_PARAMS } },
    async (request) => {
      const { order, transition } = await app.orderEvents.apply(tenantOf(request), request.params.id, 'cancel');
      if (transition.outcome === 'refused') throw refusal(transition, order);
      return { order, outcome: transition.outcome };
    });

  server.post<{ Params: { id: string }; Body: LogisticsBody }>('/v1/orders/:id/logistics', {
    preHandler: secret,
    schema: { summary: 'A logistics event: picked → shipped → in_transit → delivered (shipped keeps the ship-by promise)', tags: ['orders'], params: ID_PARAMS, body: { type: 'object' } },
  }, async (request) => {
    const b = request.body ?? {};
    const event = LOGISTICS[String(b.status)];
    if (!event) throw invalid(`status: one of ${Object.keys(LOGISTICS).join(', ')}`);
    const at = b.at === undefined ? undefined : timeParam('at', String(b.at));
    const details = { source: 'api', ...(at !== undefined ? { at } : {}), ...(typeof b.carrier === 'string' ? { carrier: b.carrier.slice(0, 64) } : {}), ...(typeof b.trackingNo === 'string' ? { trackingNo: b.trackingNo.slice(0, 64) } : {}) };
    const { order, transition } = await app.orderEvents.apply(tenantOf(request), request.params.id, event, { at: at ?? app.clock.now(), ...details });
    if (transition.outcome === 'refused') throw refusal(transition, order);
    return { order, outcome: transition.outcome };
  });

  server.post<{ Params: { tenant: string }; Body: CallbackBody }>('/v1/payments/:tenant/callback', {
    schema: {
      summary: 'Payment provider callback (paid, refunded, cancelled), signed: reelpath-timestamp + reelpath-signature = v1=HMAC-SHA256(payment secret, "<ts>.<body>"); replays by callbackId answer the first result',
      tags: ['orders'], params: { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] }, body: { type: 'object' },
    },
  }, async (request) => {
    const tenant = await app.tenants.getTenant(request.params.tenant).catch(() => undefined);
    const headers = { [SIGNATURE_HEADERS.timestamp]: header(request, SIGNATURE_HEADERS.timestamp), [SIGNATURE_HEADERS.signature]: header(request, SIGNATURE_HEADERS.signature) };
    // An unknown tenant is answered like a bad signature: callers learn nothing about which tenants exist.
    const check = tenant ? checkSignedBody(TenantsService.paymentSecret(tenant), headers, request.rawBody ?? '', app.clock.now()) : { ok: false as const, problem: 'mismatch' as const, reason: 'unknown tenant or wrong secret' };
    if (!check.ok) throw new AppError(check.problem === 'outside_window' ? 'orders_callback_expired' : 'orders_bad_signature', check.reason);
    const b = request.body ?? {};
    const event = CALLBACKS[String(b.type)];
    if (typeof b.callbackId !== 'string' || b.callbackId.length === 0 || b.callbackId.length > 128) throw invalid('callbackId: 1–128 characters, unique per notification');
    if (typeof b.orderId !== 'string') throw invalid('orderId: required');
    if (!event) throw invalid(`type: one of ${Object.keys(CALLBACKS).join(', ')}`);
    if (b.amountFen !== undefined && !Number.isSafeInteger(b.amountFen)) throw invalid('amountFen: an integer (fen)');
    return app.orderEvents.callback(tenant!.id, { callbackId: b.callbackId, orderId: b.orderId, event, ...(b.amountFen !== undefined ? { amountFen: b.amountFen as number } : {}) });
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
}
