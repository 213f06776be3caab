import { parseScaledDecimal, createUtcDateTimeParser } from '../field-parse.js';
import { importEventId } from '../import-id.js';
import { locateColumns, rejectRow, type HeaderBinding, type MapOutcome, type WireEvent } from './format-types.js';

/**
 * REES46 "eCommerce behavior data from multi category store" (Kaggle, 2019-Oct.csv and siblings).
 * Columns: event_time, event_type, product_id, category_id, category_code, brand, price, user_id,
 * user_session. Decisions (see FORMATS.md):
 * - view → detail_view, cart → add_to_cart, purchase → pay; remove_from_cart has no canonical event
 *   and is rejected (`import_unmapped_row`, reason starts with "unmapped event_type").
 * - user_id (the store's permanent user id) → buyerId; user_session → sessionId; platform `web`.
 * - price → amount in USD cents on every event (on detail_view / add_to_cart it is the listed price).
 * - pay gets orderId `rees46-<user_id>-<unix seconds>`: one order per user and second, so the items
 *   of one checkout share an order.
 * - eventId `rees46_<line>_<hash of the row>`.
 */
export const REES46_COLUMNS = [
  'event_time', 'event_type', 'product_id', 'category_id', 'category_code', 'brand', 'price', 'user_id', 'user_session',
] as const;

const EVENT_NAMES: Readonly<Record<string, string>> = { view: 'detail_view', cart: 'add_to_cart', purchase: 'pay' };

/** Binds the REES46 mapper to a header; any column order works, all nine columns are required. */
export function createRees46Mapper(header: readonly string[]): HeaderBinding<readonly string[]> {
  const found = locateColumns(header, REES46_COLUMNS);
  if (!found.ok) return { ok: false, code: 'import_bad_header', reason: `REES46 header lacks ${found.missing.join(', ')}` };
  const at = found.at;
  const c = {
    time: at.event_time, type: at.event_type, product: at.product_id, category: at.category_id,
    code: at.category_code, brand: at.brand, price: at.price, user: at.user_id, session: at.user_session,
  };
  const parseTime = createUtcDateTimeParser();
  return {
    ok: true,
    map: (row: readonly string[], line: number): MapOutcome => {
      const type = row[c.type] ?? '';
      const name = EVENT_NAMES[type];
      if (name === undefined) {
        return rejectRow(type === 'remove_from_cart' ? 'import_unmapped_row' : 'import_bad_row', type === 'remove_from_cart'
          ? 'unmapped event_type remove_from_cart: Reelpath has no canonical remove-from-cart event'
          : `unknown event_type ${JSON.stringify(type)} (expected view, cart or purchase)`);
      }
      const time = row[c.time] ?? '';
      const ts = parseTime(time);
      if (ts === undefined) return rejectRow('import_bad_row', `event_time ${JSON.stringify(time)} is not "YYYY-MM-DD HH:MM:SS UTC"`);
      const user = row[c.user] ?? '';
      if (user === '') return rejectRow('import_bad_row', 'user_id is empty');
      const product = row[c.product] ?? '';
      if (product === '') return rejectRow('import_bad_row', 'product_id is empty');
      const priceText = row[c.price] ?? '';
      const amount = priceText === '' ? undefined : parseScaledDecimal(priceText, 2);
      if (priceText !== '' && (amount === undefined || amount < 0)) return rejectRow('import_bad_row', `price ${JSON.stringify(priceText)} is not a non-negative decimal`);
      if (name === 'pay' && amount === undefined) return rejectRow('import_bad_row', 'price is empty on a purchase');
      const event: WireEvent = {
        eventId: importEventId('rees46', line, row), name, platform: 'web', ts, buyerId: user, productId: product,
      };
      const session = row[c.session] ?? '';
      if (session !== '') event.sessionId = session;
      const category = row[c.category] ?? '';
      if (category !== '') event.categoryId = category;
      if (amount !== undefined) {
        event.amount = amount;
        event.currency = 'USD';
      }
      if (name === 'pay') event.orderId = `rees46-${user}-${ts / 1000}`;
      const properties: Record<string, string> = {};
      const code = row[c.code] ?? '';
      if (code !== '') properties.categoryCode = code;
      const brand = row[c.brand] ?? '';
      if (brand !== '') properties.brand = brand;
      event.properties = properties;
      return { ok: true, event };
    },
  };
}
