import type { AnalysisRow } from '../../events/index.js';
import type { Journey, Touch } from './journey.js';

/**
 * Journeys from the event store (pure: rows in, journeys out).
 *
 * - A conversion is a `pay` event; its value is its `amount` (integer fen, 0 when absent) minus the
 *   refunds of the same `orderId` (`refundsByOrder`), applied once per order and never below 0.
 * - A touch is a view-type event (`impression`, `play`, `complete`, `live_enter`) or a click-type event
 *   (`product_click`, `detail_view`, `add_to_cart`) that carries the chosen dimension; its channel is
 *   that dimension's value. Events without it are not touches.
 * - A touch counts for a conversion when 0 ≤ t_pay − t_touch ≤ window of its type (click or view),
 *   inclusive; a touch at the very millisecond of the pay counts.
 * - A person's journey ends at each conversion: touches before it are used (or dropped when outside
 *   the window) and never reused; touches after it start the next journey. The touches a person has
 *   after the last conversion (or at all, without one) form a null journey, windowed from its own last
 *   touch, which the Markov model needs.
 */
export type JourneyDimension = 'platform' | 'creatorId' | 'videoId' | 'liveId';

/** Channel dimensions a journey can be built over. */
export const JOURNEY_DIMENSIONS: readonly JourneyDimension[] = ['platform', 'creatorId', 'videoId', 'liveId'];

/** View-type touches (impressions and plays): the view-through window applies. */
export const VIEW_TOUCHES: readonly string[] = ['impression', 'play', 'complete', 'live_enter'];
/** Click-type touches (a tap on the product or deeper): the click-through window applies. */
export const CLICK_TOUCHES: readonly string[] = ['product_click', 'detail_view', 'add_to_cart'];

export interface JourneyOptions {
  readonly by: JourneyDimension;
  readonly clickWindowMs: number;
  readonly viewWindowMs: number;
}

interface Pending extends Touch { readonly ts: number; readonly click: boolean }

/**
 * Builds journeys per person. `rows` hold touch and `pay` events in any order; `personOf` maps an
 * identity key to its person; `refundsByOrder` is the refunded fen per order id.
 */
export function buildJourneys(rows: readonly AnalysisRow[], personOf: (identityKey: string) => string, refundsByOrder: ReadonlyMap<string, number>, options: JourneyOptions): Journey[] {
  const byPerson = new Map<string, AnalysisRow[]>();
  for (const row of rows) {
    const p = personOf(row.identityKey);
    const list = byPerson.get(p);
    if (list) list.push(row); else byPerson.set(p, [row]);
  }
  const refundLeft = new Map(refundsByOrder);
  const journeys: Journey[] = [];
  const inWindow = (t: Pending, at: number): boolean => at - t.ts >= 0 && at - t.ts <= (t.click ? options.clickWindowMs : options.viewWindowMs);
  for (const person of [...byPerson.keys()].sort()) {
    // Same millisecond: touches before the pay, so a touch at the pay's instant counts.
    const list = (byPerson.get(person) as AnalysisRow[]).sort((x, y) => x.ts - y.ts || Number(x.name === 'pay') - Number(y.name === 'pay'));
    let pending: Pending[] = [];
    for (const row of list) {
      if (row.name === 'pay') {
        journeys.push({
          touches: pending.filter((t) => inWindow(t, row.ts)).map(({ channel, ts }) => ({ channel, ts })),
          conversions: 1, value: netValue(row, refundLeft), nulls: 0, convertedAt: row.ts,
        });
        pending = [];
        continue;
      }
      const click = CLICK_TOUCHES.includes(row.name);
      const channel = row[options.by];
      if ((click || VIEW_TOUCHES.includes(row.name)) && channel !== null && channel !== '') pending.push({ channel, ts: row.ts, click });
    }
    const last = pending[pending.length - 1];
    if (last) {
      const touches = pending.filter((t) => inWindow(t, last.ts)).map(({ channel, ts }) => ({ channel, ts }));
      journeys.push({ touches, conversions: 0, value: 0, nulls: 1 });
    }
  }
  return journeys;
}

function netValue(pay: AnalysisRow, refundLeft: Map<string, number>): number {
  const amount = pay.amount ?? 0;
  if (pay.orderId === null) return amount;
  const refund = refundLeft.get(pay.orderId) ?? 0;
  const used = Math.min(refund, amount);
  if (used > 0) refundLeft.set(pay.orderId, refund - used);
  return amount - used;
}

/** Sums refunded fen per order id over `refund` rows (rows without an order id or amount are ignored). */
export function refundsByOrder(rows: readonly AnalysisRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.name !== 'refund' || r.orderId === null || r.amount === null) continue;
    out.set(r.orderId, (out.get(r.orderId) ?? 0) + r.amount);
  }
  return out;
}
