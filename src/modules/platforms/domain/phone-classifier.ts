/**
 * What a platform put in a phone field. Only a `plain` number may become the canonical `phone` (which
 * the edge hashes): hashing a masked number ("138****1234") or a ciphertext would merge unrelated
 * buyers or create identities that never match anything.
 */
export type PhoneClass =
  | { readonly kind: 'plain'; readonly value: string }
  | { readonly kind: 'masked' | 'encrypted' | 'virtual' | 'unrecognised' }
  | { readonly kind: 'absent' };

const PLAIN_RE = /^[+\d\s().-]+$/;

/**
 * Classifies a raw phone field. `virtual` is decided by the caller (WeChat's `use_tel_number = 1`);
 * here a value with `*` is masked, digits/spaces/+()-. with 5–15 digits are plain, other digit-only
 * values are unrecognised, and anything else is treated as platform ciphertext (Douyin
 * `encrypt_post_tel`, Kuaishou `encryptedMobile`).
 */
export function classifyPhone(raw: unknown): PhoneClass {
  if (typeof raw !== 'string' || raw.trim() === '') return { kind: 'absent' };
  const text = raw.trim();
  if (text.includes('*')) return { kind: 'masked' };
  const digits = text.replace(/\D/g, '').length;
  if (!PLAIN_RE.test(text)) return { kind: 'encrypted' };
  return digits >= 5 && digits <= 15 ? { kind: 'plain', value: text } : { kind: 'unrecognised' };
}
