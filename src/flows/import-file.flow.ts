import { existsSync, statSync } from 'node:fs';
import { AppError } from '../shared/errors/index.js';
import { isImportFormat, readImportFile, type ImportItem } from '../modules/importer/index.js';
import type { Tenant } from '../modules/tenants/index.js';
import { ingestBatch, type IngestDeps } from './ingest-events.flow.js';

/** The summary of one import. */
export interface ImportSummary {
  readonly file: string;
  readonly format: string;
  readonly rowsRead: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Rejections counted by error code. */
  readonly rejectedByReason: Record<string, number>;
  /** The first rejections with their line numbers, to fix the file. */
  readonly examples: { line: number; code: string; reason: string }[];
  readonly seconds: number;
}

const MAX_EXAMPLES = 20;

/**
 * Checks what can be checked before any store is touched: the format is known and the file exists.
 * Throws `import_unknown_format` (400) or `import_file_not_found` (404).
 */
export function checkImportRequest(path: string, format: string): void {
  if (!isImportFormat(format)) throw new AppError('import_unknown_format', `unknown format ${format}`);
  if (!existsSync(path) || !statSync(path).isFile()) throw new AppError('import_file_not_found', `no file at ${path}`);
}

/**
 * Imports a file: the importer maps rows to wire events (row-level failures are counted, never fatal),
 * then every batch goes through the same ingestion flow as the API (validation, identity, idempotent
 * storage). Re-importing a file stores nothing twice: mapped eventIds are deterministic.
 */
export async function importFile(
  deps: IngestDeps, tenant: Tenant, path: string, format: string,
  onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void,
): Promise<ImportSummary> {
  checkImportRequest(path, format);
  const started = Date.now();
  let rowsRead = 0;
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  const rejectedByReason: Record<string, number> = {};
  const examples: ImportSummary['examples'] = [];
  const reject = (line: number, code: string, reason: string): void => {
    rejected++;
    rejectedByReason[code] = (rejectedByReason[code] ?? 0) + 1;
    if (examples.length < MAX_EXAMPLES) examples.push({ line, code, reason });
  };
  let bytes = [0, 0];
  // Two-deep pipeline: the next chunk is read and mapped while the previous one is being stored.
  let inflight: Promise<void> | undefined;
  const store = async (good: Extract<ImportItem, { ok: true }>[]): Promise<void> => {
    const res = await ingestBatch(deps, tenant, good.map((g) => g.event));
    accepted += res.accepted;
    duplicates += res.duplicates;
    for (const r of res.rejected) reject((good[r.index] as { line: number }).line, r.code, r.reason);
  };
  for await (const items of readImportFile(path, format, { batchSize: 5000, onProgress: (read, total) => { bytes = [read, total]; } })) {
    rowsRead += items.length;
    const good = items.filter((i): i is Extract<ImportItem, { ok: true }> => i.ok);
    for (const i of items) if (!i.ok) reject(i.line, i.code, i.reason);
    await inflight;
    inflight = good.length > 0 ? store(good) : undefined;
    onProgress?.(bytes[0] as number, bytes[1] as number, rowsRead);
  }
  await inflight;
  return { file: path, format, rowsRead, accepted, duplicates, rejected, rejectedByReason, examples, seconds: (Date.now() - started) / 1000 };
}
