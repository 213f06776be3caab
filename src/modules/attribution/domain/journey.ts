/**
 * The common input of every attribution model: a journey is an ordered list of touches (channels)
 * that ended in `conversions` conversions worth `value`, and/or in `nulls` non-conversions.
 * A journey built from the event store is one person's touches up to one `pay` (conversions 1) or
 * their trailing touches without a `pay` (nulls 1); a row of a path file carries its own counts.
 */

/** One touch: the channel (platform, creator, video or live session id) and, from events, its time. */
export interface Touch {
  readonly channel: string;
  /** UTC epoch ms; absent for touches read from a path file. */
  readonly ts?: number | undefined;
}

export interface Journey {
  readonly touches: readonly Touch[];
  /** Conversions this journey (path) ended in; may be fractional in a path file. */
  readonly conversions: number;
  /** Conversion value: integer fen from the event store (net of refunds); any number in a path file. */
  readonly value: number;
  /** Times this journey ended without a conversion. */
  readonly nulls: number;
  /** Time of the conversion (UTC epoch ms), for time decay; absent in a path file. */
  readonly convertedAt?: number | undefined;
}

/** The per-channel outcome of a model before rounding. */
export interface ChannelCredit {
  conversions: number;
  value: number;
}

/** Adds `weight` of a journey's conversions and value to `channel`. */
export function addCredit(credits: Map<string, ChannelCredit>, channel: string, weight: number, journey: Journey): void {
  let c = credits.get(channel);
  if (!c) { c = { conversions: 0, value: 0 }; credits.set(channel, c); }
  c.conversions += weight * journey.conversions;
  c.value += weight * journey.value;
}

/** Drops consecutive repeats of a channel: A > A > B > A → A > B > A. */
export function collapseRepeats(channels: readonly string[]): string[] {
  return channels.filter((c, i) => i === 0 || channels[i - 1] !== c);
}
