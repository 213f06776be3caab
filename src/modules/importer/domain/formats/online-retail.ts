import { parsePlainInt, parseScaledDecimal, createUtcDateTimeParser } from '../field-parse.js';
import { importEventId } from '../import-id.js';
import { locateColumns, rejectRow, type HeaderBinding, type MapOutcome, type WireEvent } from './format-types.js';

/**
 * UCI "Online Retail" (Chen, Sain & Guo 2012): one row per invoice line. Decisions (FORMATS.md):
 * - an ordinary invoice line → `pay`; an invoice starting with `C` (a cancellation / credit note) →
 *   `refund` with the positive quantity and amount; orderId = InvoiceNo as written (the data does not
 *   link a credit note to the invoice it cancels).
 * - amount = round(|Quantity| × UnitPrice × 100) GBP pence, computed exactly in decimal, half away
 *   from zero; productId = StockCode; quantity = |Quantity|; platform `web`.
 * - CustomerID (`17850.0`) → buyerId `17850`; an empty CustomerID is a guest checkout: anonymousId
 *   `guest-<InvoiceNo>` (one anonymous buyer per invoice) and properties.guest = true.
 * - rejected (`import_unmapped_row`): `A…` invoices (bad-debt accounting adjustments, not sales) and lines of
 *   an ordinary invoice with a negative Quantity (stock write-offs such as "damaged", not refunds).
 * - InvoiceDate has no zone: read as UTC. eventId `uci_<line>_<hash of the row>`.
 */
export const ONLINE_RETAIL_COLUMNS = [
  'InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country',
] as const;

/** Strips the `.0` float suffix CSV exports add to integer ids (`17850.0` → `17850`). */
function customerIdOf(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** Binds the Online Retail mapper to a header; all eight columns are required, in any order. */
export function createOnlineRetailMapper(header: readonly string[]): HeaderBinding<readonly string[]> {
  const found = locateColumns(header, ONLINE_RETAIL_COLUMNS);
  if (!found.ok) return { ok: false, code: 'import_bad_header', reason: `Online Retail header lacks ${found.missing.join(', ')}` };
  const at = found.at;
  const parseTime = createUtcDateTimeParser();
  return {
    ok: true,
    map: (row: readonly string[], line: number): MapOutcome => {
      const invoice = row[at.InvoiceNo] ?? '';
      if (invoice === '') return rejectRow('import_bad_row', 'InvoiceNo is empty');
      const first = invoice.charCodeAt(0);
      if (first === 65) return rejectRow('import_unmapped_row', `unmapped invoice ${invoice}: A… invoices are bad-debt adjustments, not sales`);
      const refund = first === 67;
      const quantityText = row[at.Quantity] ?? '';
      const quantity = parsePlainInt(quantityText);
      if (quantity === undefined || quantity === 0) return rejectRow('import_bad_row', `Quantity ${JSON.stringify(quantityText)} is not a non-zero integer`);
      if (!refund && quantity < 0) {
        return rejectRow('import_unmapped_row', `unmapped stock adjustment: negative Quantity ${quantity} on invoice ${invoice}, which is not a cancellation`);
      }
      const priceText = row[at.UnitPrice] ?? '';
      const milliPounds = parseScaledDecimal(priceText, 3);
      if (milliPounds === undefined || milliPounds < 0) return rejectRow('import_bad_row', `UnitPrice ${JSON.stringify(priceText)} is not a non-negative decimal`);
      const dateText = row[at.InvoiceDate] ?? '';
      const ts = parseTime(dateText);
      if (ts === undefined) return rejectRow('import_bad_row', `InvoiceDate ${JSON.stringify(dateText)} is not "YYYY-MM-DD HH:MM:SS"`);
      const stockCode = row[at.StockCode] ?? '';
      if (stockCode === '') return rejectRow('import_bad_row', 'StockCode is empty');
      const units = Math.abs(quantity);
      // units × milli-pounds is in tenths of a penny; round half away from zero to whole pence.
      const amount = Math.floor((units * milliPounds + 5) / 10);
      const customer = row[at.CustomerID] ?? '';
      const event: WireEvent = {
        eventId: importEventId('uci', line, row), name: refund ? 'refund' : 'pay', platform: 'web', ts,
      };
      const properties: Record<string, unknown> = { unitPrice: priceText };
      if (customer === '') {
        event.anonymousId = `guest-${invoice}`;
        properties.guest = true;
      } else {
        event.buyerId = customerIdOf(customer);
      }
      event.orderId = invoice;
      event.productId = stockCode;
      event.quantity = units;
      event.amount = amount;
      event.currency = 'GBP';
      const description = (row[at.Description] ?? '').trim();
      if (description !== '') properties.description = description;
      const country = row[at.Country] ?? '';
      if (country !== '') properties.country = country;
      event.properties = properties;
      return { ok: true, event };
    },
  };
}
