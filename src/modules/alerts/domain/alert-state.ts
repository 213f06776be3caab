/**
 * The alert state machine of one (rule, series), with Prometheus semantics: a true condition makes an
 * inactive alert `pending`; once it has been true for `forMs` the alert is `firing` (at once when forMs
 * is 0); a false condition drops a pending alert back to `inactive`, while a firing one keeps firing until
 * the condition has been false for `keepFiringForMs` (measured from the first false evaluation, as
 * Prometheus' KeepFiringSince), then `resolved`. `acknowledged` is the operator's mark on a firing alert:
 * it behaves exactly like firing and resolves the same way. A resolved alert whose condition is true
 * again starts a new episode (pending). Pure: time is the evaluation time passed in (UTC epoch ms).
 */

export type AlertStatus = 'inactive' | 'pending' | 'firing' | 'acknowledged' | 'resolved';

/** One alert's state; times are UTC epoch ms. */
export interface AlertState {
  readonly status: AlertStatus;
  /** When the condition became true for this episode (pending or firing), else null. */
  readonly activeSince: number | null;
  /** When the alert started firing, else null. */
  readonly firingSince: number | null;
  /** First evaluation of a firing alert at which the condition was false, else null. */
  readonly clearSince: number | null;
  readonly acknowledgedAt: number | null;
  readonly resolvedAt: number | null;
}

/** The durations a rule sets (see RuleSettings). */
export interface AlertTiming { readonly forMs: number; readonly keepFiringForMs: number }

/** The value and baseline behind an evaluation, carried on the transitions it causes. */
export interface AlertReading { readonly value: number | null; readonly baseline: number | null }

/** A change of status, for delivery (webhooks) and the record. */
export interface AlertTransition { readonly from: AlertStatus; readonly to: AlertStatus; readonly at: number; readonly value: number | null; readonly baseline: number | null }

/** The next state and the transitions (none, or one) that led to it. */
export interface StepResult { readonly state: AlertState; readonly transitions: AlertTransition[] }

/** The state of an alert that has never been evaluated. */
export const INACTIVE: AlertState = Object.freeze({
  status: 'inactive', activeSince: null, firingSince: null, clearSince: null, acknowledgedAt: null, resolvedAt: null,
});

const NO_READING: AlertReading = { value: null, baseline: null };
const isFiring = (s: AlertStatus): boolean => s === 'firing' || s === 'acknowledged';

/**
 * Advances the state by one evaluation at `now` with the rule's condition.
 * @example step(INACTIVE, true, t, { forMs: 120_000, keepFiringForMs: 120_000 }).state.status === 'pending'
 */
export function step(state: AlertState, conditionTrue: boolean, now: number, timing: AlertTiming, reading: AlertReading = NO_READING): StepResult {
  const move = (next: AlertState): StepResult =>
    ({ state: next, transitions: next.status === state.status ? [] : [{ from: state.status, to: next.status, at: now, ...reading }] });
  const fire = (activeSince: number): AlertState =>
    ({ ...INACTIVE, status: 'firing', activeSince, firingSince: now });

  switch (state.status) {
    case 'inactive':
    case 'resolved':
      if (!conditionTrue) return { state, transitions: [] };
      return move(timing.forMs <= 0 ? fire(now) : { ...INACTIVE, status: 'pending', activeSince: now });
    case 'pending': {
      if (!conditionTrue) return move(INACTIVE);
      const since = state.activeSince ?? now;
      return now - since >= timing.forMs ? move(fire(since)) : { state, transitions: [] };
    }
    case 'firing':
    case 'acknowledged': {
      if (conditionTrue) return { state: state.clearSince === null ? state : { ...state, clearSince: null }, transitions: [] };
      const clearSince = state.clearSince ?? now;
      if (now - clearSince >= timing.keepFiringForMs) return move({ ...INACTIVE, status: 'resolved', resolvedAt: now });
      return { state: { ...state, clearSince }, transitions: [] };
    }
  }
}

/** The operator acknowledges a firing alert: it keeps firing, marked. Any other state is left as it is. */
export function acknowledge(state: AlertState, now: number, reading: AlertReading = NO_READING): StepResult {
  if (state.status !== 'firing') return { state, transitions: [] };
  return { state: { ...state, status: 'acknowledged', acknowledgedAt: now }, transitions: [{ from: 'firing', to: 'acknowledged', at: now, ...reading }] };
}

/** Whether the alert is firing (acknowledged included): what pages and what the dashboard shows red. */
export const isActiveAlert = (state: AlertState): boolean => isFiring(state.status);
