/**
 * Product batches: what a buyer's page names by its code. Codes are made by Reelpath from injected
 * randomness — `tr_` and 16 lowercase base32 characters (80 random bits) — so they are globally unique
 * in practice and cannot be guessed from one another (a code printed on a package reveals nothing else).
 */

/** A product batch of one tenant. `createdAt` is UTC epoch ms. */
export interface TraceBatch {
  readonly tenant: string;
  readonly code: string;
  readonly productId: string | null;
  readonly name: string;
  readonly createdAt: number;
}

/** Random bytes a batch code needs (80 bits → 16 base32 characters). */
export const BATCH_CODE_BYTES = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const CODE_RE = /^tr_[a-z2-7]{16}$/;
const MAX_NAME_CHARS = 200;
const PRODUCT_ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The batch code of 10 random bytes: `tr_` + their RFC 4648 base32 in lowercase, unpadded.
 * @example batchCodeOf(randomBytes(10)) // 'tr_k5qw3xb2mzr7a4dc'
 */
export function batchCodeOf(random: Uint8Array): string {
  if (random.length !== BATCH_CODE_BYTES) throw new RangeError(`a batch code needs ${BATCH_CODE_BYTES} random bytes, got ${random.length}`);
  let bits = 0;
  let value = 0;
  let out = 'tr_';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) { out += BASE32[(value >>> (bits - 5)) & 31]; bits -= 5; }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** Whether `code` has the form of a batch code (it may still be unknown). */
export function isBatchCode(code: unknown): code is string {
  return typeof code === 'string' && CODE_RE.test(code);
}

/** Every problem of a new batch's name and product id (empty when valid). */
export function batchProblems(input: { readonly name: unknown; readonly productId?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof input.name !== 'string' || input.name.trim().length === 0 || input.name.length > MAX_NAME_CHARS) problems.push(`name: a non-empty string of at most ${MAX_NAME_CHARS} characters`);
  if (input.productId !== undefined && input.productId !== null && (typeof input.productId !== 'string' || !PRODUCT_ID_RE.test(input.productId))) {
    problems.push('productId: 1–64 letters, digits or _.:-');
  }
  return problems;
}
