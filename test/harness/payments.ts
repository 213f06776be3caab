import type { LightMyRequestResponse } from 'fastify';
import { TenantsService } from '../../src/modules/tenants/index.js';
import { signBody, SIGNATURE_HEADERS } from '../../src/shared/signed-body.js';
import type { TestApp } from './test-app.js';

/** The headers of a payment-provider callback whose body is `text`, signed with `secret` at `ts` (epoch ms). */
export function signedCallbackHeaders(secret: string, ts: number, text: string): Record<string, string> {
  return { 'content-type': 'application/json', [SIGNATURE_HEADERS.timestamp]: String(ts), [SIGNATURE_HEADERS.signature]: signBody(secret, ts, text) };
}

/**
 * Sends `body` as tenant `tenant`'s payment callback, signed with its payment secret (or `opts.secret`) at
 * `opts.ts` (default: the app clock) — what a payment provider does.
 */
export async function sendPaymentCallback(t: TestApp, tenant: string, body: Record<string, unknown>, opts: { secret?: string; ts?: number } = {}): Promise<LightMyRequestResponse> {
  const text = JSON.stringify(body);
  const ts = opts.ts ?? t.app.clock.now();
  const secret = opts.secret ?? TenantsService.paymentSecret(await t.app.tenants.getTenant(tenant));
  return t.server.inject({ method: 'POST', url: `/v1/payments/${tenant}/callback`, payload: text, headers: signedCallbackHeaders(secret, ts, text) });
}
