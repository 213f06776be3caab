import type { TimelineEvent } from './timeline.js';

/** Which end of a path is fixed: paths after a start event, or paths before an end event. */
export type PathAnchor = 'start' | 'end';

/** How one person's path is read from their timeline. */
export interface PathRule {
  readonly anchor: PathAnchor;
  /** The anchor event name (`start=` or `end=`). */
  readonly event: string;
  /** Maximum steps, the anchor included (≥ 1). */
  readonly depth: number;
  /** Collapse consecutive repeats of the same event name into one step. */
  readonly collapse: boolean;
  /** Keep only events within this many ms of the anchor (inclusive); null = no limit. */
  readonly windowMs: number | null;
  /** Keep only events whose sessionId equals the anchor's (null matches null). */
  readonly sameSession: boolean;
}

/**
 * A person's path (README "Definitions"): the anchor is the person's FIRST occurrence of the anchor
 * event in the timeline. With `anchor: 'start'` the path is the anchor followed by the later events of
 * the timeline; with `anchor: 'end'` it is the anchor preceded by the earlier events. Events outside
 * the window (|t − t_anchor| > windowMs) end the path; events of another session are skipped when
 * `sameSession`; with `collapse` an event with the same name as the step before it (in reading order)
 * adds no step. The path stops at `depth` steps.
 *
 * Returns the steps read outward from the anchor (for `end`: the anchor first, then backwards in
 * time), or null when the timeline holds no anchor event. The timeline may hold any event names;
 * the caller filters to the names the report considers.
 */
export function readPersonPath(timeline: readonly TimelineEvent[], rule: PathRule): string[] | null {
  const at = timeline.findIndex((e) => e.name === rule.event);
  if (at < 0) return null;
  const anchor = timeline[at] as TimelineEvent;
  const steps = [anchor.name];
  const dir = rule.anchor === 'start' ? 1 : -1;
  for (let i = at + dir; i >= 0 && i < timeline.length && steps.length < rule.depth; i += dir) {
    const e = timeline[i] as TimelineEvent;
    if (rule.windowMs !== null && Math.abs(e.ts - anchor.ts) > rule.windowMs) break;
    if (rule.sameSession && e.sessionId !== anchor.sessionId) continue;
    if (rule.collapse && e.name === steps[steps.length - 1]) continue;
    steps.push(e.name);
  }
  return steps;
}
