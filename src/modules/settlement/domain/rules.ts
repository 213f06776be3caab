/**
 * Checking a commission rule before it is stored: every problem at once, in words a merchant can act on.
 * Pure.
 */
import { isValidRef } from './accounts.js';
import type { CommissionRule } from './commission.js';
import { BASIS_POINTS_WHOLE } from './split.js';

const PARTIES = new Set(['platform', 'creator', 'mcn']);

/** Problems of a rule (empty when valid). */
export function ruleProblems(r: CommissionRule): string[] {
  const p: string[] = [];
  if (typeof r.id !== 'string' || !isValidRef(r.id)) p.push('id: 1–128 letters, digits, _ . -');
  if (!Number.isSafeInteger(r.priority)) p.push('priority: an integer');
  const scope = r.scope ?? {};
  for (const key of ['productId', 'creatorId', 'campaignId'] as const) {
    const v = scope[key];
    if (v !== undefined && (typeof v !== 'string' || !isValidRef(v))) p.push(`scope.${key}: 1–128 letters, digits, _ . -`);
  }
  if (!Array.isArray(r.legs)) return [...p, 'legs: an array of { party, basisPoints?, fixedFen? }'];
  const seen = new Set<string>();
  let bp = 0;
  r.legs.forEach((l, i) => {
    if (!PARTIES.has(l.party)) p.push(`legs[${i}].party: platform, creator or mcn (the merchant takes the rest)`);
    if (seen.has(l.party)) p.push(`legs[${i}].party: ${l.party} appears twice`);
    seen.add(l.party);
    if (l.basisPoints !== undefined && !(Number.isSafeInteger(l.basisPoints) && l.basisPoints >= 0 && l.basisPoints <= BASIS_POINTS_WHOLE)) p.push(`legs[${i}].basisPoints: an integer 0–10,000 (100 bp = 1 %)`);
    if (l.fixedFen !== undefined && !(Number.isSafeInteger(l.fixedFen) && l.fixedFen >= 0)) p.push(`legs[${i}].fixedFen: a non-negative integer of fen`);
    bp += l.basisPoints ?? 0;
  });
  if (bp > BASIS_POINTS_WHOLE) p.push(`legs: basis points sum to ${bp}, more than 10,000`);
  if (seen.has('mcn') && (typeof r.mcnId !== 'string' || !isValidRef(r.mcnId))) p.push('mcnId: the MCN agency paid the mcn leg');
  return p;
}

/** Problems of a ledger operation as a client sent it (empty when its shape is right; the ledger checks the rest). */
export function operationProblems(op: unknown, at: string): string[] {
  const o = (op ?? {}) as Record<string, unknown>;
  const text = (k: string): boolean => typeof o[k] === 'string' && (o[k] as string).length > 0 && (o[k] as string).length <= 256;
  if (!text('id')) return [`${at}.id: 1–256 characters`];
  if (o.op === 'post' || o.op === 'void') return text('pendingId') ? [] : [`${at}.pendingId: the pending transfer to ${String(o.op)}`];
  if (o.op !== 'transfer') return [`${at}.op: transfer, post or void`];
  const p: string[] = [];
  for (const k of ['debit', 'credit', 'currency']) if (!text(k)) p.push(`${at}.${k}: required`);
  if (typeof o.amountFen !== 'number') p.push(`${at}.amountFen: a positive integer of fen`);
  if (o.kind !== 'single' && o.kind !== 'pending') p.push(`${at}.kind: single or pending`);
  return p;
}
