import { parsePlainInt } from '../field-parse.js';
import { importEventId } from '../import-id.js';
import { rejectRow, type MapOutcome } from './format-types.js';

/**
 * Taobao UserBehavior (Alibaba Tianchi dataset 649): no header, five columns
 * `user_id, item_id, category_id, behavior_type, timestamp` (unix seconds). Decisions (FORMATS.md):
 * - pv → detail_view, fav → favorite, cart → add_to_cart, buy → **order** (not pay: the data has no
 *   price, and the canonical `pay` requires amount + currency; `order` requires only orderId).
 * - orderId `taobao-<user_id>-<unix seconds>`: one order per user and second (a multi-item checkout).
 * - user_id → buyerId; item_id → productId; category_id → categoryId; platform `other`; ts = s × 1000.
 * - eventId `taobao_<line>_<hash of the row>`.
 */
export const TAOBAO_COLUMN_COUNT = 5;

const EVENT_NAMES: Readonly<Record<string, string>> = { pv: 'detail_view', fav: 'favorite', cart: 'add_to_cart', buy: 'order' };

/** Maps one UserBehavior row (five fields) to a wire event. */
export function mapTaobaoRow(row: readonly string[], line: number): MapOutcome {
  if (row.length !== TAOBAO_COLUMN_COUNT) return rejectRow('import_bad_row', `expected ${TAOBAO_COLUMN_COUNT} fields, found ${row.length}`);
  const [user = '', item = '', category = '', behavior = '', seconds = ''] = row;
  const name = EVENT_NAMES[behavior];
  if (name === undefined) return rejectRow('import_bad_row', `unknown behavior_type ${JSON.stringify(behavior)} (expected pv, fav, cart or buy)`);
  const unix = parsePlainInt(seconds);
  if (unix === undefined || unix < 0) return rejectRow('import_bad_row', `timestamp ${JSON.stringify(seconds)} is not unix seconds`);
  if (user === '') return rejectRow('import_bad_row', 'user_id is empty');
  if (item === '') return rejectRow('import_bad_row', 'item_id is empty');
  const event: Record<string, unknown> = {
    eventId: importEventId('taobao', line, row), name, platform: 'other', ts: unix * 1000, buyerId: user, productId: item,
  };
  if (category !== '') event.categoryId = category;
  if (name === 'order') event.orderId = `taobao-${user}-${unix}`;
  event.properties = {};
  return { ok: true, event };
}
