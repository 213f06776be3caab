/**
 * The chart of accounts of a tenant's ledger. Account ids spell what they are, so the service can open
 * an account the first time a split or a refund names it, with the right limit:
 *
 * | id                                   | what it holds                                             | may go negative |
 * |--------------------------------------|-----------------------------------------------------------|-----------------|
 * | `payments:<CUR>`                     | money arriving from the payment provider (the outside)    | yes             |
 * | `clearing:<CUR>`                     | paid money not yet handed to the parties                   | no              |
 * | `platform:<CUR>`                     | the platform's commission                                 | no              |
 * | `merchant:<tenant>:<CUR>`            | the merchant's earnings                                   | no              |
 * | `creator:<id>:<CUR>`, `mcn:<id>:<CUR>` | a creator's (达人) and an MCN agency's commission       | no              |
 * | `buyer_refunds:<CUR>`                | money returned to buyers: refunds and compensation        | no              |
 * | `compensation_pool:<CUR>`            | the merchant's reserve that pays missed-promise compensation | no           |
 * | `receivable:<party account>`         | what a party owes back (a clawback it could not cover)    | yes             |
 *
 * Pure.
 */
import type { Account } from './ledger.js';

export type AccountKind = 'payments' | 'clearing' | 'platform' | 'merchant' | 'creator' | 'mcn' | 'buyer_refunds' | 'compensation_pool' | 'receivable';

/** A party that earns from orders (the merchant takes what the rules leave). */
export type Party = 'platform' | 'creator' | 'mcn' | 'merchant';

const SINGLETONS: ReadonlySet<string> = new Set(['payments', 'clearing', 'platform', 'buyer_refunds', 'compensation_pool']);
const REFERENCED: ReadonlySet<string> = new Set(['merchant', 'creator', 'mcn']);
const CURRENCY = /^[A-Z]{3}$/;
const REF = /^[\w.-]{1,128}$/;

/** The id of a singleton account (`clearing:CNY`) or a referenced one (`creator:c_1:CNY`). */
export function accountId(kind: Exclude<AccountKind, 'receivable'>, currency: string, ref?: string): string {
  return ref === undefined ? `${kind}:${currency}` : `${kind}:${ref}:${currency}`;
}

/** The receivable of a party account: what it owes back. */
export function receivableOf(partyAccount: string): string {
  return `receivable:${partyAccount}`;
}

/** What an account id says: its kind, reference (creator id, tenant…) and currency. */
export interface ParsedAccount {
  readonly kind: AccountKind;
  readonly ref: string | null;
  readonly currency: string;
  /** For a receivable: the party account that owes it. */
  readonly owner: string | null;
}

/** Parses an account id of the chart; null when it is not one (such accounts must be opened explicitly). */
export function parseAccountId(id: string): ParsedAccount | null {
  if (id.startsWith('receivable:')) {
    const owner = id.slice('receivable:'.length);
    const inner = parseAccountId(owner);
    if (!inner || !(REFERENCED.has(inner.kind) || inner.kind === 'platform')) return null;
    return { kind: 'receivable', ref: inner.ref, currency: inner.currency, owner };
  }
  const parts = id.split(':');
  const kind = parts[0] ?? '';
  const currency = parts[parts.length - 1] ?? '';
  if (!CURRENCY.test(currency)) return null;
  if (parts.length === 2 && SINGLETONS.has(kind)) return { kind: kind as AccountKind, ref: null, currency, owner: null };
  if (parts.length === 3 && REFERENCED.has(kind) && REF.test(parts[1] ?? '')) return { kind: kind as AccountKind, ref: parts[1] ?? null, currency, owner: null };
  return null;
}

/** The account a chart id stands for, with its limit (only `payments` and receivables may go negative); null when not a chart id. */
export function chartAccount(id: string): Account | null {
  const parsed = parseAccountId(id);
  if (!parsed) return null;
  return { id, currency: parsed.currency, allowNegative: parsed.kind === 'payments' || parsed.kind === 'receivable' };
}

/** Whether a reference (creator id, MCN id, tenant id) can be part of an account id. */
export function isValidRef(ref: string): boolean {
  return REF.test(ref);
}
