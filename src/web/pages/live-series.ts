import type { SeriesPoint } from '../api-types.js';
import type { TimeRange } from './live-charts.js';

const MINUTE_MS = 60_000;

/**
 * One live-board connection's view of the stream: the per-minute points inside the window that ends at
 * the server's latest time. A `minute` event replaces the points of its minutes; points that leave the
 * window are dropped.
 */
export class LiveSeries {
  private readonly byMinute = new Map<number, SeriesPoint>();
  /** The server's latest time (epoch ms), from the snapshot and minute events. */
  now = 0;

  constructor(private readonly minutes: number) {}

  /** Starts over from a snapshot. */
  reset(now: number, points: SeriesPoint[]): void {
    this.byMinute.clear();
    this.now = 0;
    this.add(now, points);
  }

  /** Replaces points with the same minute and drops those that left the window. */
  add(now: number, points: SeriesPoint[]): void {
    this.now = Math.max(this.now, now);
    for (const p of points) this.byMinute.set(p.minute, p);
    const { from } = this.range();
    for (const minute of this.byMinute.keys()) if (minute < from) this.byMinute.delete(minute);
  }

  /** The window: the last `minutes` UTC minutes up to the current one. */
  range(): TimeRange {
    const to = Math.floor(this.now / MINUTE_MS) * MINUTE_MS;
    return { from: to - (this.minutes - 1) * MINUTE_MS, to };
  }

  /** The window as an x-axis patch. */
  axis(): { min: number; max: number } {
    const { from, to } = this.range();
    return { min: from, max: to };
  }

  /** The points in time order. */
  points(): SeriesPoint[] {
    return [...this.byMinute.values()].sort((a, b) => a.minute - b.minute);
  }
}
