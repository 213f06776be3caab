import { checkSignedBody, DEFAULT_TOLERANCE_MS } from '../../../shared/signed-body.js';

export { SIGNATURE_HEADERS, DEFAULT_TOLERANCE_MS, signBody } from '../../../shared/signed-body.js';

export type VerifyOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'notifications_signature_missing' | 'notifications_signature_mismatch' | 'notifications_timestamp_outside_window'; readonly reason: string };

/**
 * Verifies a delivery as a receiver should: the timestamp within `toleranceMs` of `now`, then the
 * signature over the exact body bytes, compared in constant time. A receiver also remembers delivery ids
 * it has handled, so a replay inside the window applies once.
 */
export function verifyBody(secret: string, headers: Readonly<Record<string, string | undefined>>, body: string, now: number, toleranceMs = DEFAULT_TOLERANCE_MS): VerifyOutcome {
  const check = checkSignedBody(secret, headers, body, now, toleranceMs);
  if (check.ok) return check;
  const code = check.problem === 'missing' ? 'notifications_signature_missing' : check.problem === 'mismatch' ? 'notifications_signature_mismatch' : 'notifications_timestamp_outside_window';
  return { ok: false, code, reason: check.reason };
}
