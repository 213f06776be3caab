import type { CanonicalEvent, IdentityField, Platform } from './event-model.js';

/**
 * Identity keys: the string form of one identifier, namespaced by kind (and platform where the
 * identifier is only unique within a platform). Ordered strongest first.
 *   user:<userId>  union:<platform>:<id>  buyer:<platform>:<id>  phone:<hmac>  openid:<platform>:<id>
 *   anon:<id>  address:<hmac>
 * A delivery-address hash links people (a household, a pickup point), so it comes last: it joins
 * persons under the identity cap but never names the person an event resolves to when anything else does.
 */
export const KEY_KINDS = ['user', 'union', 'buyer', 'phone', 'openid', 'anon', 'address'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** The event field each key kind reads. */
export type KeyField = IdentityField | 'addressHash';

const FIELD_OF_KIND: Record<KeyKind, KeyField> = {
  user: 'userId', union: 'unionId', buyer: 'buyerId', phone: 'phoneHash', openid: 'openId', anon: 'anonymousId', address: 'addressHash',
};
const PLATFORM_SCOPED: ReadonlySet<KeyKind> = new Set(['union', 'buyer', 'openid']);

/** Builds the key of one identifier. */
export function identityKey(kind: KeyKind, value: string, platform: Platform): string {
  return PLATFORM_SCOPED.has(kind) ? `${kind}:${platform}:${value}` : `${kind}:${value}`;
}

/** Every identity key an event carries, strongest first (alias events add their previousId). */
export function identityKeysOf(event: Pick<CanonicalEvent, KeyField | 'platform' | 'name' | 'previousId'>): string[] {
  const keys: string[] = [];
  for (const kind of KEY_KINDS) {
    const value = event[FIELD_OF_KIND[kind]];
    if (value !== undefined) keys.push(identityKey(kind, value, event.platform));
  }
  if (event.name === 'alias' && event.previousId !== undefined) keys.push(`anon:${event.previousId}`);
  return keys;
}

/** The strongest identity key of an event: how events resolve to persons. */
export function primaryIdentityKey(event: Pick<CanonicalEvent, KeyField | 'platform' | 'name' | 'previousId'>): string {
  const keys = identityKeysOf(event);
  if (keys.length === 0) throw new Error('event has no identity (validateEvent guarantees one)');
  return keys[0] as string;
}

/** Parses a key back into its kind, platform (when scoped) and value. */
export function parseIdentityKey(key: string): { kind: KeyKind; platform?: string; value: string; field: KeyField } | undefined {
  const first = key.indexOf(':');
  if (first < 0) return undefined;
  const kind = key.slice(0, first) as KeyKind;
  if (!(KEY_KINDS as readonly string[]).includes(kind)) return undefined;
  const rest = key.slice(first + 1);
  if (!PLATFORM_SCOPED.has(kind)) return { kind, value: rest, field: FIELD_OF_KIND[kind] };
  const second = rest.indexOf(':');
  if (second < 0) return undefined;
  return { kind, platform: rest.slice(0, second), value: rest.slice(second + 1), field: FIELD_OF_KIND[kind] };
}
