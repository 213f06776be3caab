/**
 * The tenant's secret key in this browser. It is kept in localStorage and sent only in the
 * `Authorization` header (api.ts, live-stream.ts); it is never put in a URL, so it does not end up in
 * history, logs or Referer headers.
 */

const STORAGE_KEY = 'rp-key';

/** The stored key, or null when signed out. */
export function readKey(): string | null {
  const key = localStorage.getItem(STORAGE_KEY);
  return key && key.trim() !== '' ? key : null;
}

/** Stores the key entered in the sign-in form. */
export function saveKey(key: string): void {
  localStorage.setItem(STORAGE_KEY, key.trim());
}

/** Forgets the key (sign out, or the API refused it). */
export function clearKey(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/** The request headers that carry the key. */
export function authHeaders(): Record<string, string> {
  const key = readKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}
