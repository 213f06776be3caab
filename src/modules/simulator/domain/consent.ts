import type { SessionIdentity, WireEvent } from './sessions.js';
import { permute32 } from './sampling.js';

/** Shares of buyers who grant each purpose when a shop first asks (on their first logged-in session there). */
export const CONSENT_SHARES = { analytics: 0.97, personalization: 0.85, marketing: 0.35 } as const;

/** A buyer's decision for a purpose: a fixed function of buyer and purpose, so the random stream is untouched. */
function grants(buyerIndex: number, salt: number, share: number): boolean {
  return permute32((buyerIndex * 3 + salt) ^ 0x2f6b1c3d) / 4294967296 < share;
}

/**
 * The consent event a viewer sends the first time a session of theirs identifies the account (a login
 * or an order: the privacy prompt of the mini-program or shop), at the session's start; undefined when
 * the session carries no open id or the account has answered already. `asked` remembers the accounts;
 * the decisions are deterministic per buyer.
 */
export function consentOnFirstLogin(s: SessionIdentity, session: readonly WireEvent[], asked: Set<string>): WireEvent | undefined {
  const openId = session.find((e) => typeof e.openId === 'string')?.openId as string | undefined;
  const first = session[0];
  if (openId === undefined || first === undefined || asked.has(openId)) return undefined;
  asked.add(openId);
  const ts = session.reduce((min, e) => Math.min(min, e.ts), first.ts);
  const e: WireEvent = {
    eventId: '', name: 'consent', platform: s.platform, ts, sessionId: s.sessionId, anonymousId: s.anonymousId, openId,
    consent: {
      analytics: grants(s.buyer.index, 0, CONSENT_SHARES.analytics),
      personalization: grants(s.buyer.index, 1, CONSENT_SHARES.personalization),
      marketing: grants(s.buyer.index, 2, CONSENT_SHARES.marketing),
    },
  };
  if (s.unionId !== undefined) e.unionId = s.unionId;
  return e;
}
