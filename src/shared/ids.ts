import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Creates a prefixed, time-sortable id: `<prefix>_<10 chars of ms time base36><12 random chars>`.
 * @example newId('evt') → "evt_0lq3k2d9xa4f9z0c1m2n3p"
 */
export function newId(prefix: string, nowMs: number = Date.now(), random: Uint8Array = randomBytes(12)): string {
  let rnd = '';
  for (const b of random) rnd += ALPHABET[b % 36];
  return `${prefix}_${nowMs.toString(36).padStart(10, '0')}${rnd}`;
}

/** Creates a random secret token with a prefix, e.g. API keys `rp_sec_…`. */
export function newToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}
