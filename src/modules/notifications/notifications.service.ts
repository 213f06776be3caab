import { AppError } from '../../shared/errors/index.js';
import { newId, newToken } from '../../shared/ids.js';
import type { Rng } from '../../shared/random.js';
import type { Clock } from '../../shared/time.js';
import { isRetryable, nextAttemptAt, DEFAULT_RETRY, type RetryPolicy } from './domain/retry.js';
import { signBody, SIGNATURE_HEADERS } from './domain/signature.js';
import type { Delivery, Endpoint, NotificationsStore } from './notifications.store.js';

/** One HTTP POST: the status, or null and an error when there was no answer (network error, timeout). */
export interface SendResult { readonly status: number | null; readonly error: string | null }

/** Posts a body; the one outbound HTTP edge, injectable so tests may point it at a local receiver. */
export type Sender = (url: string, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<SendResult>;

/** The sender over Node's fetch, with a timeout. */
export const fetchSender: Sender = async (url, headers, body, timeoutMs) => {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    return { status: null, error: (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err as Error).message };
  }
};

export interface NotificationsOptions { readonly retry?: RetryPolicy; readonly timeoutMs?: number; readonly sender?: Sender }

/** An endpoint as the API shows it: the secret only once, when created. */
export type EndpointView = Omit<Endpoint, 'secret'>;

/**
 * Signed webhook delivery of alerts (issue 4): each message goes to every endpoint of the tenant,
 * signed with the endpoint's secret (HMAC-SHA256 over timestamp and body, `domain/signature.ts`), tried
 * at once and retried with jittered exponential backoff on timeouts, 408, 429 and 5xx; every attempt's
 * outcome is recorded. The delivery id is stable across retries so a receiver applies a message once.
 */
export class NotificationsService {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly sender: Sender;

  constructor(private readonly store: NotificationsStore, private readonly clock: Clock, private readonly rng: Rng, options: NotificationsOptions = {}) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.sender = options.sender ?? fetchSender;
  }

  /** Registers an endpoint; answers its signing secret once. Throws `notifications_invalid_url`. */
  async addEndpoint(tenant: string, url: string): Promise<Endpoint> {
    let parsed: URL;
    try { parsed = new URL(url); } catch { throw new AppError('notifications_invalid_url', `${url} is not a URL`); }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new AppError('notifications_invalid_url', `${url} must be http(s)`);
    const endpoint: Endpoint = { id: newId('wep', this.clock.now()), tenant, url: parsed.toString(), secret: newToken('whsec_'), createdAt: this.clock.now() };
    await this.store.addEndpoint(endpoint);
    return endpoint;
  }

  async endpoints(tenant: string): Promise<EndpointView[]> {
    return (await this.store.endpoints(tenant)).map(({ secret: _secret, ...view }) => view);
  }

  async removeEndpoint(tenant: string, id: string): Promise<void> {
    if (!(await this.store.removeEndpoint(tenant, id))) throw new AppError('notifications_endpoint_not_found', `no endpoint ${id}`);
  }

  /**
   * Sends `payload` as `kind` to every endpoint of the tenant (or only `endpointId`); resolves after each
   * first attempt. Throws `notifications_endpoint_not_found` for an unknown `endpointId`.
   */
  async notify(tenant: string, kind: string, payload: unknown, endpointId?: string): Promise<Delivery[]> {
    const now = this.clock.now();
    const out: Delivery[] = [];
    const targets = (await this.store.endpoints(tenant)).filter((e) => endpointId === undefined || e.id === endpointId);
    if (endpointId !== undefined && targets.length === 0) throw new AppError('notifications_endpoint_not_found', `no endpoint ${endpointId}`);
    for (const endpoint of targets) {
      const id = newId('dlv', now);
      const body = JSON.stringify({ id, kind, tenant, createdAt: new Date(now).toISOString(), data: payload });
      const delivery: Delivery = { id, tenant, endpointId: endpoint.id, kind, body, status: 'pending', attempts: 0, lastStatus: null, lastError: null, nextAttemptAt: now, createdAt: now, updatedAt: now };
      await this.store.createDelivery(delivery);
      out.push(await this.attempt(delivery, endpoint));
    }
    return out;
  }

  /** Tries the deliveries that are due; returns how many were tried. Call it on a timer. */
  async runDue(limit = 100): Promise<number> {
    const due = await this.store.dueDeliveries(this.clock.now(), limit);
    const endpoints = new Map<string, Endpoint>();
    const tenantsRead = new Set<string>();
    for (const d of due) {
      if (!tenantsRead.has(d.tenant)) {
        tenantsRead.add(d.tenant);
        for (const e of await this.store.endpoints(d.tenant)) endpoints.set(e.id, e);
      }
      await this.attempt(d, endpoints.get(d.endpointId));
    }
    return due.length;
  }

  deliveries(tenant: string, limit = 100): Promise<Delivery[]> {
    return this.store.listDeliveries(tenant, limit);
  }

  private async attempt(delivery: Delivery, endpoint: Endpoint | undefined): Promise<Delivery> {
    const at = this.clock.now();
    let result: SendResult;
    if (!endpoint) {
      result = { status: null, error: 'the endpoint was removed' };
    } else {
      const headers = {
        'content-type': 'application/json', 'user-agent': 'Reelpath-Webhooks/1',
        [SIGNATURE_HEADERS.timestamp]: String(at), [SIGNATURE_HEADERS.signature]: signBody(endpoint.secret, at, delivery.body), [SIGNATURE_HEADERS.delivery]: delivery.id,
      };
      result = await this.sender(endpoint.url, headers, delivery.body, this.timeoutMs);
    }
    const attempts = delivery.attempts + 1;
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const next = delivered || !endpoint || !isRetryable(result.status) ? null : nextAttemptAt(this.retry, attempts, at, this.rng.next());
    const status = delivered ? 'delivered' : next === null ? 'failed' : 'pending';
    await this.store.recordAttempt(delivery.id, { status, httpStatus: result.status, error: result.error, nextAttemptAt: next, at });
    return { ...delivery, status, attempts, lastStatus: result.status, lastError: result.error, nextAttemptAt: next, updatedAt: at };
  }
}
