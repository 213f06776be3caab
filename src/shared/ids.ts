import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

// Random bytes come from a pool refilled 4 KiB at a time: one system call per ~340 ids instead of one
// per id (the order hot path makes tens of thousands a second).
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolAt = 0;

function pooledRandom(n: number): Uint8Array {
  if (poolAt + n > POOL_SIZE) { pool = randomBytes(POOL_SIZE); poolAt = 0; }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/**
 * Creates a prefixed, time-sortable id: `<prefix>_<10 chars of ms time base36><12 random chars>`.
 * @example newId('evt') → "evt_0lq3k2d9xa4f9z0c1m2n3p"
 */
export function newId(prefix: string, nowMs: number = Date.now(), random: Uint8Array = pooledRandom(12)): string {
  let rnd = '';
  for (const b of random) rnd += ALPHABET[b % 36];
  return `${prefix}_${nowMs.toString(36).padStart(10, '0')}${rnd}`;
}

/** Creates a random secret token with a prefix, e.g. API keys `rp_sec_…`. */
export function newToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}
