import { describe, expect, it } from 'vitest';
import { acknowledge, INACTIVE, isActiveAlert, step, type AlertState, type AlertStatus } from './alert-state.js';

const M = 60_000;
const timing = { forMs: 2 * M, keepFiringForMs: 2 * M };

/** Runs conditions at minutes 0, 1, 2 … and returns the status after each and every transition. */
function run(conditions: boolean[], t = timing, from: AlertState = INACTIVE): { statuses: AlertStatus[]; transitions: string[] } {
  let state = from;
  const statuses: AlertStatus[] = [];
  const transitions: string[] = [];
  conditions.forEach((c, i) => {
    const r = step(state, c, i * M, t, { value: i, baseline: 100 });
    state = r.state;
    statuses.push(state.status);
    for (const x of r.transitions) transitions.push(`${x.from}>${x.to}@${x.at / M}`);
  });
  return { statuses, transitions };
}

describe('alert state machine (Prometheus for / keep_firing_for)', () => {
  it('goes pending, then firing once the condition has held for `for`', () => {
    const r = run([false, true, true, true, true]);
    expect(r.statuses).toEqual(['inactive', 'pending', 'pending', 'firing', 'firing']);
    expect(r.transitions).toEqual(['inactive>pending@1', 'pending>firing@3']);
  });

  it('a single true evaluation never fires: pending falls back to inactive', () => {
    const r = run([true, false, false]);
    expect(r.statuses).toEqual(['pending', 'inactive', 'inactive']);
    expect(r.transitions).toEqual(['inactive>pending@0', 'pending>inactive@1']);
  });

  it('keeps firing through a single clear evaluation, resolves after keep_firing_for', () => {
    const r = run([true, true, true, false, true, false, false, false, false]);
    expect(r.statuses).toEqual(['pending', 'pending', 'firing', 'firing', 'firing', 'firing', 'firing', 'resolved', 'resolved']);
    expect(r.transitions).toEqual(['inactive>pending@0', 'pending>firing@2', 'firing>resolved@7']);
  });

  it('with for = 0 fires at once, with keep_firing_for = 0 resolves at the first clear evaluation', () => {
    const r = run([true, false], { forMs: 0, keepFiringForMs: 0 });
    expect(r.transitions).toEqual(['inactive>firing@0', 'firing>resolved@1']);
  });

  it('a resolved alert whose condition returns starts a new episode', () => {
    const r = run([true, false, true, true], { forMs: 0, keepFiringForMs: 0 });
    expect(r.transitions).toEqual(['inactive>firing@0', 'firing>resolved@1', 'resolved>firing@2']);
  });

  it('carries value and baseline on transitions', () => {
    const r = step(INACTIVE, true, 5, timing, { value: 40, baseline: 100 });
    expect(r.transitions).toEqual([{ from: 'inactive', to: 'pending', at: 5, value: 40, baseline: 100 }]);
    expect(r.state.activeSince).toBe(5);
  });

  it('acknowledged keeps firing, marked, and resolves like firing', () => {
    const firing = step(INACTIVE, true, 0, { forMs: 0, keepFiringForMs: M }).state;
    const acked = acknowledge(firing, 10);
    expect(acked.transitions).toEqual([{ from: 'firing', to: 'acknowledged', at: 10, value: null, baseline: null }]);
    expect(isActiveAlert(acked.state)).toBe(true);
    expect(acknowledge(INACTIVE, 10).transitions).toEqual([]);
    const r = run([true, false, false], { forMs: 0, keepFiringForMs: M }, acked.state);
    expect(r.statuses).toEqual(['acknowledged', 'acknowledged', 'resolved']);
    expect(r.transitions).toEqual(['acknowledged>resolved@2']);
  });
});
