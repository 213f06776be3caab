import { hmacHex, safeEqual } from '../../../shared/hashing.js';

/** The headers a signed delivery carries. */
export const SIGNATURE_HEADERS = { timestamp: 'reelpath-timestamp', signature: 'reelpath-signature', delivery: 'reelpath-delivery' } as const;

/** How far a receiver accepts a delivery's timestamp from its own clock, by default (replay window). */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/**
 * Signs a delivery: `v1=` + hex HMAC-SHA256 over `<timestamp ms>.<body>` with the endpoint's secret.
 * Signing the timestamp with the body lets a receiver refuse replays outside its window.
 * @example signBody('whsec_…', 1790000000000, '{"alert":…}') // 'v1=3f…'
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${hmacHex(secret, `${timestamp}.${body}`)}`;
}

export type VerifyOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'notifications_signature_missing' | 'notifications_signature_mismatch' | 'notifications_timestamp_outside_window'; readonly reason: string };

/**
 * Verifies a delivery as a receiver should: the timestamp within `toleranceMs` of `now`, then the
 * signature over the exact body bytes, compared in constant time. A receiver also remembers delivery ids
 * it has handled, so a replay inside the window applies once.
 */
export function verifyBody(secret: string, headers: Readonly<Record<string, string | undefined>>, body: string, now: number, toleranceMs = DEFAULT_TOLERANCE_MS): VerifyOutcome {
  const ts = Number(headers[SIGNATURE_HEADERS.timestamp]);
  const signature = headers[SIGNATURE_HEADERS.signature];
  if (!signature || !Number.isSafeInteger(ts)) return { ok: false, code: 'notifications_signature_missing', reason: 'the timestamp or signature header is missing' };
  if (Math.abs(now - ts) > toleranceMs) return { ok: false, code: 'notifications_timestamp_outside_window', reason: `timestamp is ${Math.round((now - ts) / 1000)} s from now; the window is ${toleranceMs / 1000} s` };
  if (!safeEqual(signature, signBody(secret, ts, body))) return { ok: false, code: 'notifications_signature_mismatch', reason: 'the signature does not match the body and timestamp' };
  return { ok: true };
}
