import { AppError, type ErrorCode } from '../../shared/errors/index.js';
import { readCsvFile } from './csv-reader.js';
import { checkCanonicalColumns, createCanonicalCsvMapper, mapCanonicalRecord } from './domain/formats/canonical-record.js';
import type { HeaderBinding, MapOutcome, WireEvent } from './domain/formats/format-types.js';
import { importEventId } from './domain/import-id.js';
import { mapNdjsonLine } from './domain/formats/ndjson.js';
import { createOnlineRetailMapper } from './domain/formats/online-retail.js';
import { createRees46Mapper } from './domain/formats/rees46.js';
import { mapTaobaoRow, TAOBAO_COLUMN_COUNT } from './domain/formats/taobao.js';
import type { ProgressListener } from './file-chunks.js';
import { readLines } from './line-reader.js';
import { readParquetRecords } from './parquet-reader.js';

/** File formats `reelpath import --format` accepts. */
export const IMPORT_FORMATS = ['ndjson', 'csv', 'parquet', 'rees46', 'taobao', 'online-retail'] as const;
/** One of `IMPORT_FORMATS`. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** True when `value` names an import format. */
export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * One row of an import file after mapping: a wire-form canonical event for the ingestion service, or
 * a catalogued code and a reason. `line` is the 1-based line (row number for parquet) where it starts.
 */
export type ImportItem =
  | { readonly line: number; readonly ok: true; readonly event: WireEvent }
  | { readonly line: number; readonly ok: false; readonly code: ErrorCode; readonly reason: string };

/** Options of `readImportFile`. */
export interface ImportReadOptions {
  /** Progress in bytes of the file (estimated from rows for parquet). */
  readonly onProgress?: ProgressListener;
  /** Items per yielded batch; default 2,000. */
  readonly batchSize?: number;
  /** Delimiter of the `csv` format (one character; default `,`); the dataset formats always use `,`. */
  readonly delimiter?: string;
  /** Bytes per disk read; default 256 KiB. */
  readonly chunkBytes?: number;
}

interface CsvFormat {
  readonly header: boolean;
  /** Whether `ImportReadOptions.delimiter` applies (the dataset formats have a fixed comma). */
  readonly delimiterOption: boolean;
  readonly columns?: number;
  readonly bind: (header: readonly string[]) => HeaderBinding<readonly string[]>;
}

const CSV_FORMATS: Readonly<Record<'csv' | 'rees46' | 'taobao' | 'online-retail', CsvFormat>> = {
  csv: { header: true, delimiterOption: true, bind: createCanonicalCsvMapper },
  rees46: { header: true, delimiterOption: false, bind: createRees46Mapper },
  taobao: { header: false, delimiterOption: false, columns: TAOBAO_COLUMN_COUNT, bind: () => ({ ok: true, map: mapTaobaoRow }) },
  'online-retail': { header: true, delimiterOption: false, bind: createOnlineRetailMapper },
};

function toItem(line: number, outcome: MapOutcome): ImportItem {
  return outcome.ok ? { line, ok: true, event: outcome.event } : { line, ok: false, code: outcome.code, reason: outcome.reason };
}

function badHeader(path: string, reason: string): AppError {
  return new AppError('import_bad_header', `${path}: ${reason}`, { details: { path, line: 1 } });
}

async function* readCsvItems(path: string, format: CsvFormat, options: ImportReadOptions): AsyncGenerator<ImportItem[]> {
  let map: ((row: readonly string[], line: number) => MapOutcome) | undefined;
  const read = readCsvFile(path, {
    header: format.header,
    ...(format.columns === undefined ? {} : { columns: format.columns }),
    ...(options.delimiter === undefined || !format.delimiterOption ? {} : { delimiter: options.delimiter }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
  });
  for await (const batch of read) {
    if (map === undefined) {
      const binding = format.bind(batch.header ?? []);
      if (!binding.ok) throw badHeader(path, binding.reason);
      map = binding.map;
    }
    const items = new Array<ImportItem>(batch.rows.length);
    for (let i = 0; i < batch.rows.length; i++) {
      const row = batch.rows[i] as (typeof batch.rows)[number];
      items[i] = row.error === undefined ? toItem(row.line, map(row.fields, row.line)) : { line: row.line, ok: false, code: 'import_bad_row', reason: row.error };
    }
    yield items;
  }
  if (map === undefined && format.header) throw badHeader(path, 'the file is empty: it has no header row');
}

async function* readNdjsonItems(path: string, options: ImportReadOptions): AsyncGenerator<ImportItem[]> {
  for await (const lines of readLines(path, options)) {
    yield lines.map(({ line, text }) => toItem(line, mapNdjsonLine(text, line)));
  }
}

async function* readParquetItems(path: string, options: ImportReadOptions): AsyncGenerator<ImportItem[]> {
  let checked = false;
  for await (const { columns, records } of readParquetRecords(path, options)) {
    if (!checked) {
      const problem = checkCanonicalColumns(columns);
      if (problem !== undefined) throw badHeader(path, problem);
      checked = true;
    }
    yield records.map(({ line, record }) =>
      toItem(line, mapCanonicalRecord(record, line, () => importEventId('parquet', line, [JSON.stringify(record)]))));
  }
}

function itemsOf(path: string, format: ImportFormat, options: ImportReadOptions): AsyncGenerator<ImportItem[]> {
  if (format === 'ndjson') return readNdjsonItems(path, options);
  if (format === 'parquet') return readParquetItems(path, options);
  return readCsvItems(path, CSV_FORMATS[format], options);
}

/** Re-cuts per-chunk item arrays into batches of `size` items (the last may be shorter). */
async function* batchItems(chunks: AsyncGenerator<ImportItem[]>, size: number): AsyncGenerator<ImportItem[]> {
  let batch: ImportItem[] = [];
  for await (const items of chunks) {
    let from = 0;
    while (from < items.length) {
      const take = Math.min(size - batch.length, items.length - from);
      if (batch.length === 0 && take === size) batch = items.slice(from, from + take);
      else for (let i = from; i < from + take; i++) batch.push(items[i] as ImportItem);
      from += take;
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Reads an import file and maps every row to a wire-form canonical event, yielding batches of about
 * `batchSize` items in file order. Per-row problems are items with `ok: false`; the read goes on.
 * The format is checked at once; file problems surface on the first iteration.
 * @throws AppError `import_unknown_format` (immediately), `import_file_not_found`, `import_bad_header`
 * @example
 *   for await (const items of readImportFile('2019-Oct.csv', 'rees46', { onProgress })) await ingest(items);
 */
export function readImportFile(path: string, format: string, options: ImportReadOptions = {}): AsyncIterable<ImportItem[]> {
  if (!isImportFormat(format)) {
    throw new AppError('import_unknown_format', `unknown import format ${JSON.stringify(format)}; use one of ${IMPORT_FORMATS.join(', ')}`, {
      details: { format },
    });
  }
  const size = options.batchSize ?? 2000;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer, got ${size}`);
  return batchItems(itemsOf(path, format, options), size);
}
