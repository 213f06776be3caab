/**
 * The pure core of a double-entry commission ledger, modelled on TigerBeetle: every transfer debits one
 * account and credits another by the same amount; a `pending` transfer reserves the amount (it counts
 * against the debit account's limit) until it is posted or voided; a linked batch applies all or none.
 * Each account keeps four counters (debits/credits × pending/posted) in fen, so the signed sum of all
 * balances of a currency is always 0. Transfer ids are idempotency keys: the same id with the same
 * content is a replay (nothing changes), with other content a refusal. Every applied operation is
 * appended to `journal`, from which `replayJournal` rebuilds the same state.
 * Pure: operations answer a new state or a refusal, never throw, never mutate their input.
 * Left out on purpose: partial posts, pending timeouts (no clock here), credit-side limits.
 */

/** An account; `allowNegative: false` means its available balance may never go below zero. */
export interface Account {
  readonly id: string;
  readonly currency: string;
  readonly allowNegative: boolean;
}

/** TigerBeetle's four counters of one account, in fen (non-negative integers). */
export interface AccountBalance {
  readonly debitsPending: number;
  readonly debitsPosted: number;
  readonly creditsPending: number;
  readonly creditsPosted: number;
}

/** Moves `amountFen` from `debit` to `credit`: at once (`single`) or reserved until posted or voided (`pending`). */
export interface Transfer {
  readonly id: string;
  readonly debit: string;
  readonly credit: string;
  readonly amountFen: number;
  readonly currency: string;
  readonly kind: 'single' | 'pending';
}

/** Posts the full amount of the pending transfer `pendingId`; `id` is this operation's own idempotency key. */
export interface PostPending {
  readonly id: string;
  readonly pendingId: string;
}

/** Voids (releases) the pending transfer `pendingId`; `id` is this operation's own idempotency key. */
export interface VoidPending {
  readonly id: string;
  readonly pendingId: string;
}

/** One operation as `applyLinked` takes it and the journal records it. Ids share one namespace. */
export type LedgerOp =
  | ({ readonly op: 'transfer' } & Transfer)
  | ({ readonly op: 'post' } & PostPending)
  | ({ readonly op: 'void' } & VoidPending);

/** Refusal codes (stable; never renamed or reused). */
export type LedgerRefusalCode =
  | 'settlement_unknown_account' | 'settlement_currency_mismatch' | 'settlement_invalid_amount' | 'settlement_same_account'
  | 'settlement_exceeds_limit' | 'settlement_duplicate_transfer' | 'settlement_pending_not_found'
  | 'settlement_pending_already_resolved' | 'settlement_duplicate_account';

/** Where a pending transfer stands. */
export type PendingStatus = 'pending' | 'posted' | 'voided';

/** The whole ledger. Treat as immutable: every operation answers a new one. */
export interface LedgerState {
  readonly accounts: ReadonlyMap<string, Account>;
  readonly balances: ReadonlyMap<string, AccountBalance>;
  /** Every applied operation by its id (the idempotency index). */
  readonly ops: ReadonlyMap<string, LedgerOp>;
  /** Every pending transfer by its id, with where it stands. */
  readonly pending: ReadonlyMap<string, { readonly transfer: Transfer; readonly status: PendingStatus }>;
  /** Applied operations in order (replays are not recorded); append-only. */
  readonly journal: readonly LedgerOp[];
}

/** A refusal: a stable code and a human-readable reason. */
export interface LedgerRefusal {
  readonly ok: false;
  readonly code: LedgerRefusalCode;
  readonly reason: string;
}

/** The next state (`replay: true` when the operation had already been applied: state unchanged) or a refusal. */
export type LedgerOutcome = { readonly ok: true; readonly replay: boolean; readonly state: LedgerState } | LedgerRefusal;

/** Like `LedgerOutcome`; a refusal also names the index of the operation that caused it. */
export type LedgerBatchOutcome =
  | { readonly ok: true; readonly replay: boolean; readonly state: LedgerState }
  | (LedgerRefusal & { readonly index: number });

/** The zero balance of a fresh account. */
export const ZERO_BALANCE: AccountBalance = { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 };

interface Draft {
  accounts: Map<string, Account>;
  balances: Map<string, AccountBalance>;
  ops: Map<string, LedgerOp>;
  pending: Map<string, { readonly transfer: Transfer; readonly status: PendingStatus }>;
  journal: LedgerOp[];
}

const refuse = (code: LedgerRefusalCode, reason: string): LedgerRefusal => ({ ok: false, code, reason });

/**
 * Opens an empty ledger over `accounts` (all balances zero, empty journal).
 * Refused with `settlement_duplicate_account` when two accounts share an id.
 */
export function openLedger(accounts: readonly Account[]): { readonly ok: true; readonly state: LedgerState } | LedgerRefusal {
  const map = new Map<string, Account>();
  const balances = new Map<string, AccountBalance>();
  for (const a of accounts) {
    if (map.has(a.id)) return refuse('settlement_duplicate_account', `account "${a.id}" is listed twice`);
    map.set(a.id, { id: a.id, currency: a.currency, allowNegative: a.allowNegative });
    balances.set(a.id, ZERO_BALANCE);
  }
  return { ok: true, state: { accounts: map, balances, ops: new Map(), pending: new Map(), journal: [] } };
}

/** Applies a single or pending transfer. Refusals: invalid amount, same account, unknown account, currency mismatch, limit, duplicate id. */
export function applyTransfer(state: LedgerState, t: Transfer): LedgerOutcome {
  return applyOperation(state, { op: 'transfer', ...t });
}

/** Posts a pending transfer in full (pending → posted on both sides). Refusals: pending not found / already resolved, duplicate id. */
export function postPending(state: LedgerState, p: PostPending): LedgerOutcome {
  return applyOperation(state, { op: 'post', ...p });
}

/** Voids a pending transfer (its pending amounts are released). Refusals: pending not found / already resolved, duplicate id. */
export function voidPending(state: LedgerState, v: VoidPending): LedgerOutcome {
  return applyOperation(state, { op: 'void', ...v });
}

/** Applies any one operation (what `applyTransfer`, `postPending` and `voidPending` do by kind). */
export function applyOperation(state: LedgerState, op: LedgerOp): LedgerOutcome {
  const draft = cloneState(state);
  const step = stepDraft(draft, op);
  if (step !== 'applied' && step !== 'replay') return step;
  return step === 'replay' ? { ok: true, replay: true, state } : { ok: true, replay: false, state: draft };
}

/**
 * Applies `ops` in order, all or none (TigerBeetle's linked events): each sees the effects of the ones
 * before it; the first refusal refuses the whole batch with its index and code, and the state is
 * unchanged. `replay` is true when every operation was a replay (an empty batch: false, unchanged).
 */
export function applyLinked(state: LedgerState, ops: readonly LedgerOp[]): LedgerBatchOutcome {
  const draft = cloneState(state);
  let replays = 0;
  for (const [index, op] of ops.entries()) {
    const step = stepDraft(draft, op);
    if (step === 'replay') replays += 1;
    else if (step !== 'applied') return { ...step, index };
  }
  if (ops.length > 0 && replays === ops.length) return { ok: true, replay: true, state };
  return { ok: true, replay: false, state: ops.length === 0 ? state : draft };
}

/**
 * Rebuilds the state by applying `journal` to a fresh ledger over `accounts`; the state's own journal
 * (or any prefix of it) gives back the same balances. A refused entry answers its index and code.
 */
export function replayJournal(accounts: readonly Account[], journal: readonly LedgerOp[]): LedgerBatchOutcome {
  const opened = openLedger(accounts);
  if (!opened.ok) return { ...opened, index: -1 };
  const draft = cloneState(opened.state);
  for (const [index, op] of journal.entries()) {
    const step = stepDraft(draft, op);
    if (step !== 'applied' && step !== 'replay') return { ...step, index };
  }
  return { ok: true, replay: false, state: draft };
}

/** The four counters of an account, or undefined for an unknown account. */
export function balanceOf(state: LedgerState, accountId: string): AccountBalance | undefined {
  return state.balances.get(accountId);
}

/** The balance limits apply to, in fen: creditsPosted − debitsPosted − debitsPending (a pending debit already counts). */
export function computeAvailable(b: AccountBalance): number {
  return b.creditsPosted - b.debitsPosted - b.debitsPending;
}

/** Signed net of every account of `currency`: Σ (credits − debits) over posted and pending, in fen. Always 0. */
export function sumOfBalances(state: LedgerState, currency: string): number {
  let sum = 0n;
  for (const [id, b] of state.balances) {
    if (state.accounts.get(id)?.currency !== currency) continue;
    sum += BigInt(b.creditsPosted) + BigInt(b.creditsPending) - BigInt(b.debitsPosted) - BigInt(b.debitsPending);
  }
  return Number(sum);
}

function cloneState(s: LedgerState): Draft {
  return { accounts: new Map(s.accounts), balances: new Map(s.balances), ops: new Map(s.ops), pending: new Map(s.pending), journal: [...s.journal] };
}

/** A copy holding only the fields that define the operation (what idempotency compares and the journal keeps). */
function normalize(op: LedgerOp): LedgerOp {
  if (op.op === 'transfer') return { op: 'transfer', id: op.id, debit: op.debit, credit: op.credit, amountFen: op.amountFen, currency: op.currency, kind: op.kind };
  return { op: op.op, id: op.id, pendingId: op.pendingId };
}

function sameOp(a: LedgerOp, b: LedgerOp): boolean {
  if (a.op === 'transfer' && b.op === 'transfer') {
    return a.debit === b.debit && a.credit === b.credit && a.amountFen === b.amountFen && a.currency === b.currency && a.kind === b.kind;
  }
  return a.op !== 'transfer' && a.op === b.op && a.pendingId === b.pendingId;
}

/** Validates and applies one operation to the draft in place (nothing is written when it is refused). */
function stepDraft(d: Draft, raw: LedgerOp): 'applied' | 'replay' | LedgerRefusal {
  const op = normalize(raw);
  const previous = d.ops.get(op.id);
  if (previous !== undefined) {
    return sameOp(previous, op) ? 'replay' : refuse('settlement_duplicate_transfer', `id "${op.id}" was already used for a different operation`);
  }
  const changes = op.op === 'transfer' ? planTransfer(d, op) : planResolve(d, op);
  if (!Array.isArray(changes)) return changes;
  for (const [accountId, balance] of changes) d.balances.set(accountId, balance);
  if (op.op === 'transfer' && op.kind === 'pending') {
    const { op: _op, ...transfer } = op;
    d.pending.set(op.id, { transfer, status: 'pending' });
  }
  if (op.op !== 'transfer') {
    const entry = d.pending.get(op.pendingId);
    if (entry !== undefined) d.pending.set(op.pendingId, { transfer: entry.transfer, status: op.op === 'post' ? 'posted' : 'voided' });
  }
  d.ops.set(op.id, op);
  d.journal.push(op);
  return 'applied';
}

type Changes = Array<[string, AccountBalance]>;

function planTransfer(d: Draft, t: Transfer): Changes | LedgerRefusal {
  if (!Number.isSafeInteger(t.amountFen) || t.amountFen <= 0) return refuse('settlement_invalid_amount', `amount must be a positive safe integer of fen, got ${t.amountFen}`);
  if (t.debit === t.credit) return refuse('settlement_same_account', `debit and credit are both "${t.debit}"`);
  const debit = d.accounts.get(t.debit);
  const credit = d.accounts.get(t.credit);
  if (debit === undefined) return refuse('settlement_unknown_account', `no account "${t.debit}"`);
  if (credit === undefined) return refuse('settlement_unknown_account', `no account "${t.credit}"`);
  if (debit.currency !== t.currency || credit.currency !== t.currency) {
    return refuse('settlement_currency_mismatch', `transfer in ${t.currency} between accounts in ${debit.currency} and ${credit.currency}`);
  }
  const db = d.balances.get(t.debit) ?? ZERO_BALANCE;
  const cb = d.balances.get(t.credit) ?? ZERO_BALANCE;
  const a = t.amountFen;
  // BigInt: the three counters together may pass 2^53 even when each is safe.
  if (!debit.allowNegative && BigInt(db.debitsPosted) + BigInt(db.debitsPending) + BigInt(a) > BigInt(db.creditsPosted)) {
    return refuse('settlement_exceeds_limit', `"${t.debit}" has ${computeAvailable(db)} fen available, ${a} needed`);
  }
  const next: Changes = t.kind === 'pending'
    ? [[t.debit, { ...db, debitsPending: db.debitsPending + a }], [t.credit, { ...cb, creditsPending: cb.creditsPending + a }]]
    : [[t.debit, { ...db, debitsPosted: db.debitsPosted + a }], [t.credit, { ...cb, creditsPosted: cb.creditsPosted + a }]];
  return checkOverflow(next);
}

function planResolve(d: Draft, op: { readonly op: 'post' | 'void'; readonly pendingId: string }): Changes | LedgerRefusal {
  const entry = d.pending.get(op.pendingId);
  if (entry === undefined) return refuse('settlement_pending_not_found', `no pending transfer "${op.pendingId}"`);
  if (entry.status !== 'pending') return refuse('settlement_pending_already_resolved', `pending transfer "${op.pendingId}" was already ${entry.status}`);
  const t = entry.transfer;
  const a = t.amountFen;
  const db = d.balances.get(t.debit) ?? ZERO_BALANCE;
  const cb = d.balances.get(t.credit) ?? ZERO_BALANCE;
  const posted = op.op === 'post' ? a : 0;
  return checkOverflow([
    [t.debit, { ...db, debitsPending: db.debitsPending - a, debitsPosted: db.debitsPosted + posted }],
    [t.credit, { ...cb, creditsPending: cb.creditsPending - a, creditsPosted: cb.creditsPosted + posted }],
  ]);
}

/** Counters stay exact integers: a change that would pass Number.MAX_SAFE_INTEGER is refused. */
function checkOverflow(changes: Changes): Changes | LedgerRefusal {
  for (const [id, b] of changes) {
    if (![b.debitsPending, b.debitsPosted, b.creditsPending, b.creditsPosted].every(Number.isSafeInteger)) {
      return refuse('settlement_invalid_amount', `a counter of "${id}" would pass Number.MAX_SAFE_INTEGER fen`);
    }
  }
  return changes;
}
