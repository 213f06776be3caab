import { hmacHex, safeEqual } from './hashing.js';

/** The headers a signed body carries (outbound webhooks and inbound payment callbacks alike). */
export const SIGNATURE_HEADERS = { timestamp: 'reelpath-timestamp', signature: 'reelpath-signature', delivery: 'reelpath-delivery' } as const;

/** How far a receiver accepts a signed body's timestamp from its own clock, by default (replay window). */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/**
 * Signs a body: `v1=` + hex HMAC-SHA256 over `<timestamp ms>.<body>` with a shared secret. Signing the
 * timestamp with the body lets a receiver refuse replays outside its window.
 * @example signBody('whsec_…', 1790000000000, '{"alert":…}') // 'v1=3f…'
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${hmacHex(secret, `${timestamp}.${body}`)}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly problem: 'missing' | 'mismatch' | 'outside_window'; readonly reason: string };

/**
 * Checks a signed body as a receiver should: the timestamp within `toleranceMs` of `now`, then the
 * signature over the exact body text, compared in constant time. (Replays inside the window are the
 * receiver's to detect, by the id the body carries.)
 */
export function checkSignedBody(secret: string, headers: Readonly<Record<string, string | undefined>>, body: string, now: number, toleranceMs = DEFAULT_TOLERANCE_MS): SignatureCheck {
  const ts = Number(headers[SIGNATURE_HEADERS.timestamp]);
  const signature = headers[SIGNATURE_HEADERS.signature];
  if (!signature || !Number.isSafeInteger(ts)) return { ok: false, problem: 'missing', reason: 'the timestamp or signature header is missing' };
  if (Math.abs(now - ts) > toleranceMs) return { ok: false, problem: 'outside_window', reason: `timestamp is ${Math.round((now - ts) / 1000)} s from now; the window is ${toleranceMs / 1000} s` };
  if (!safeEqual(signature, signBody(secret, ts, body))) return { ok: false, problem: 'mismatch', reason: 'the signature does not match the body and timestamp' };
  return { ok: true };
}
