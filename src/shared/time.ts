/** Time inside Reelpath is UTC epoch milliseconds; ISO-8601 on the wire. */

/** A clock; inject it so domain code never calls Date.now(). */
export interface Clock {
  /** Current UTC epoch ms. */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that returns a fixed, settable time (tests and simulators). */
export function fixedClock(start: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = start;
  return { now: () => t, set: (ms) => { t = ms; }, advance: (ms) => { t += ms; } };
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2}| UTC)?$/;

/**
 * Parses a timestamp given as epoch ms (number) or an ISO-8601 string into epoch ms.
 * Strings without a zone are read as UTC. Returns undefined when it cannot be parsed.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !ISO_RE.test(value)) return undefined;
  let s = value.replace(' UTC', 'Z').replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s = s.length === 10 ? `${s}T00:00:00Z` : `${s}Z`;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Formats epoch ms as ISO-8601 UTC. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

const DURATION_RE = /^(\d+)(ms|s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a duration like "30m", "24h", "7d" or a bare number of ms. Returns undefined when invalid.
 * @example parseDuration('2h') === 7_200_000
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const m = DURATION_RE.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

/** Formats a duration in ms compactly: 90_000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) { parts.push(`${Math.floor(rest / size)}${unit}`); rest %= size; }
  }
  return parts.slice(0, 2).join('');
}

/** A clock that can be sped up once: see `acceleratedClock`. */
export interface AcceleratedClock extends Clock {
  /** Starts running `speed`× faster; returns the clock's time at that moment. Only the first call counts. */
  accelerate(): number;
  /** The real time (epoch ms) at which it has caught up with the system clock, once accelerated. */
  readonly realEnd: number | undefined;
}

/**
 * A clock that runs `durationMs × (1 − 1/speed)` behind the system clock until `accelerate()`, then
 * `speed` times faster for `durationMs` of its own time, when it has caught up and joins the system
 * clock (continuous, never jumps): the live demo replays a `durationMs` stream in `durationMs / speed`
 * real ms and ends at the real now, so what it wrote is recent.
 */
export function acceleratedClock(durationMs: number, speed: number, real: () => number = Date.now): AcceleratedClock {
  const lag = durationMs - durationMs / speed;
  let realStart: number | undefined;
  let realEnd: number | undefined;
  return {
    get realEnd() { return realEnd; },
    accelerate() {
      if (realStart === undefined) { realStart = real(); realEnd = realStart + durationMs / speed; }
      return this.now();
    },
    now() {
      const r = real();
      if (realStart === undefined) return r - lag;
      if (r >= (realEnd as number)) return r;
      return Math.floor(realStart - lag + (r - realStart) * speed);
    },
  };
}
