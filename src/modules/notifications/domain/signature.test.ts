import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { signBody, verifyBody, SIGNATURE_HEADERS } from './signature.js';
import { isRetryable, nextAttemptAt } from './retry.js';

const headers = (ts: number, sig: string): Record<string, string> => ({ [SIGNATURE_HEADERS.timestamp]: String(ts), [SIGNATURE_HEADERS.signature]: sig });

describe('signBody / verifyBody', () => {
  it('signs timestamp and body with HMAC-SHA256, as a receiver can recompute with any HMAC library', () => {
    const expected = createHmac('sha256', 'whsec_x').update('1790000000000.{"a":1}').digest('hex');
    expect(signBody('whsec_x', 1_790_000_000_000, '{"a":1}')).toBe(`v1=${expected}`);
  });

  it('accepts a genuine delivery and refuses a changed body, another secret, a stale timestamp or missing headers', () => {
    const ts = 1_790_000_000_000;
    const sig = signBody('whsec_x', ts, '{"a":1}');
    expect(verifyBody('whsec_x', headers(ts, sig), '{"a":1}', ts + 1_000)).toEqual({ ok: true });
    expect(verifyBody('whsec_x', headers(ts, sig), '{"a":2}', ts)).toMatchObject({ ok: false, code: 'notifications_signature_mismatch' });
    expect(verifyBody('whsec_y', headers(ts, sig), '{"a":1}', ts)).toMatchObject({ ok: false, code: 'notifications_signature_mismatch' });
    expect(verifyBody('whsec_x', headers(ts, sig), '{"a":1}', ts + 5 * 60_000 + 1)).toMatchObject({ ok: false, code: 'notifications_timestamp_outside_window' });
    expect(verifyBody('whsec_x', headers(ts, sig), '{"a":1}', ts + 5 * 60_000)).toEqual({ ok: true });
    expect(verifyBody('whsec_x', {}, '{"a":1}', ts)).toMatchObject({ ok: false, code: 'notifications_signature_missing' });
  });
});

describe('retry policy', () => {
  const policy = { baseMs: 1_000, maxMs: 8_000, maxAttempts: 5 };
  it('backs off exponentially with jitter between half the step and the step, capped, then gives up', () => {
    expect(nextAttemptAt(policy, 1, 0, 0)).toBe(500);
    expect(nextAttemptAt(policy, 1, 0, 0.999)).toBe(1_000);
    expect(nextAttemptAt(policy, 3, 0, 0)).toBe(2_000);
    expect(nextAttemptAt(policy, 4, 100, 0.5)).toBe(100 + 6_000);
    expect(nextAttemptAt({ ...policy, maxAttempts: 9 }, 8, 0, 0)).toBe(4_000); // capped at maxMs
    expect(nextAttemptAt(policy, 5, 0, 0)).toBeNull();
  });

  it('retries timeouts, 408, 429 and 5xx, not other client errors', () => {
    expect([null, 408, 429, 500, 503].map(isRetryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 410].map(isRetryable)).toEqual([false, false, false, false]);
  });
});
