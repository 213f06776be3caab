import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../../test/harness/data-dir.js';
import { validateEvent } from '../events/index.js';
import { readImportFile } from './import-reader.js';

/**
 * Imports the real public samples and checks the outcome against counts taken here with plain string
 * operations on the raw file (never the importer's parser), and every mapped event against validateEvent.
 */
const ctx = { tenant: 't1', now: Date.UTC(2030, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k: string, v: string) => `h${v.length}` };

interface ImportSummary {
  readonly names: Record<string, number>;
  readonly errors: { line: number; code: string; reason: string }[];
  readonly guests: number;
  readonly invalid: string[];
}

async function importFile(path: string, format: string): Promise<ImportSummary> {
  const names: Record<string, number> = {};
  const errors: ImportSummary['errors'] = [];
  const invalid: string[] = [];
  let guests = 0;
  for await (const items of readImportFile(path, format)) {
    for (const item of items) {
      if (!item.ok) {
        errors.push({ line: item.line, code: item.code, reason: item.reason });
        continue;
      }
      const name = String(item.event.name);
      names[name] = (names[name] ?? 0) + 1;
      if (item.event.buyerId === undefined && item.event.anonymousId !== undefined) guests++;
      const checked = validateEvent(item.event, ctx);
      if (!checked.ok && invalid.length < 5) invalid.push(`line ${item.line}: ${checked.code} ${checked.reason}`);
    }
  }
  return { names, errors, guests, invalid };
}

/** The raw data lines of a file: split on \n, header dropped, no parser involved. */
function rawLines(path: string, header: boolean): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return header ? lines.slice(1) : lines;
}

const rees46 = dataset('rees46-ecommerce-sample');
const taobao = dataset('taobao-userbehavior-sample');
const retail = dataset('uci-online-retail');

describe('import of real public datasets', () => {
  it.skipIf(rees46 === undefined)('REES46 2019-Oct head sample: counts per event match the raw event_type column', async () => {
    const path = join(rees46 as string, '2019-Oct_head_sample.csv');
    const lines = rawLines(path, true);
    expect(lines).toHaveLength(17_435);
    const raw: Record<string, number> = {};
    let short = 0;
    for (const line of lines) {
      const cols = line.split(',');
      if (cols.length < 9) short++;
      else raw[cols[1] as string] = (raw[cols[1] as string] ?? 0) + 1;
    }
    expect(short).toBe(1);
    const result = await importFile(path, 'rees46');
    expect(result.invalid).toEqual([]);
    expect(result.names).toEqual({ detail_view: raw.view, add_to_cart: raw.cart, pay: raw.purchase });
    expect(result.errors).toEqual([{ line: lines.length + 1, code: 'import_bad_row', reason: expect.stringContaining('expected 9 fields, found 8') }]);
    expect(raw.remove_from_cart).toBeUndefined();
  });

  it.skipIf(taobao === undefined)('Taobao UserBehavior head sample: counts per behaviour match the raw column', async () => {
    const path = join(taobao as string, 'UserBehavior_head_sample.csv');
    const lines = rawLines(path, false);
    expect(lines).toHaveLength(84_476);
    const raw: Record<string, number> = {};
    let short = 0;
    for (const line of lines) {
      const cols = line.split(',');
      if (cols.length < 5) short++;
      else raw[cols[3] as string] = (raw[cols[3] as string] ?? 0) + 1;
    }
    expect(short).toBe(1);
    const result = await importFile(path, 'taobao');
    expect(result.invalid).toEqual([]);
    expect(result.names).toEqual({ detail_view: raw.pv, favorite: raw.fav, add_to_cart: raw.cart, order: raw.buy });
    expect(result.errors).toEqual([{ line: lines.length, code: 'import_bad_row', reason: expect.stringContaining('expected 5 fields, found 4') }]);
  });

  it.skipIf(retail === undefined)('UCI Online Retail: every row accounted for, cancellations refund, guests as documented', async () => {
    const path = join(retail as string, 'online_retail.csv');
    const lines = rawLines(path, true);
    expect(lines).toHaveLength(541_909);
    // Only Description may hold quoted commas: read InvoiceNo from the left and the last five columns from the right.
    let cancellations = 0;
    let sales = 0;
    let adjustments = 0;
    let noCustomer = 0;
    let noCustomerAdjustments = 0;
    for (const line of lines) {
      const invoice = line.slice(0, line.indexOf(','));
      const right = line.split(',').slice(-5); // Quantity, InvoiceDate, UnitPrice, CustomerID, Country
      const quantity = Number(right[0]);
      const guest = right[3] === '';
      const adjustment = invoice.startsWith('A') || (!invoice.startsWith('C') && quantity < 0);
      if (guest) noCustomer++;
      if (adjustment) {
        adjustments++;
        if (guest) noCustomerAdjustments++;
      } else if (invoice.startsWith('C')) cancellations++;
      else sales++;
    }
    expect(noCustomer).toBe(135_080);
    expect(cancellations).toBe(9_288);
    const result = await importFile(path, 'online-retail');
    expect(result.invalid).toEqual([]);
    expect(result.names).toEqual({ pay: sales, refund: cancellations });
    expect(result.errors).toHaveLength(adjustments);
    expect(result.errors.every((e) => e.code === 'import_unmapped_row' && e.reason.startsWith('unmapped '))).toBe(true);
    // Decision: a line without CustomerID imports as a guest unless it is an adjustment (rejected).
    expect(result.guests + noCustomerAdjustments).toBe(noCustomer);
    expect(sales + cancellations + adjustments).toBe(541_909);
  });
});
