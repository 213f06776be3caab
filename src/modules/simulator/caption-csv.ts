import { AppError } from '../../shared/errors/index.js';
import type { Catalogue, CatalogueEntry } from './domain/catalogue.js';

/**
 * Splits CSV text (RFC 4180 quoting) into records of fields. Only `\n` or `\r\n` end a record: a
 * bare `\r` is kept as field content, quoted or not — the KuaiRec caption file has 4 captions with a
 * bare `\r` that a reader splitting on `\r` would cut in two. Not a general parser: no BOM-less
 * encodings, no custom delimiters; correct for `kuairec_caption_category.csv`.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const COLUMNS = [
  'video_id', 'manual_cover_text', 'caption', 'topic_tag', 'first_level_category_id', 'first_level_category_name',
  'second_level_category_id', 'second_level_category_name', 'third_level_category_id', 'third_level_category_name',
] as const;

/** `UNKNOWN`, `-124` and blank mean "missing" in the KuaiRec file. */
function present(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return v === '' || v === 'UNKNOWN' || v === '-124' ? undefined : value;
}

function parseTags(raw: string | undefined): string[] {
  const inner = present(raw)?.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (inner === undefined || inner === '') return [];
  return inner.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

/**
 * Reads `kuairec_caption_category.csv` text into a {@link Catalogue}, one entry per record, in file
 * order. Throws `AppError('internal_error')` when the header is not the documented one.
 */
export function catalogueFromCaptionCsv(text: string): Catalogue {
  const records = parseCsvRecords(text);
  const header = records[0];
  if (header === undefined || COLUMNS.some((c, i) => header[i]?.trim() !== c)) {
    throw new AppError('internal_error', `unexpected KuaiRec caption header: ${JSON.stringify(header)}`, { details: { expected: COLUMNS } });
  }
  const entries: CatalogueEntry[] = [];
  for (let r = 1; r < records.length; r++) {
    const f = records[r] as string[];
    const sourceId = present(f[0]);
    if (sourceId === undefined) continue;
    const caption = present(f[2]);
    const cover = present(f[1]);
    const tags = parseTags(f[3]);
    const category = present(f[5]);
    const subcategory = present(f[7]);
    const leafCategory = present(f[9]);
    const title = (caption ?? cover ?? (tags.length > 0 ? tags.map((t) => `#${t}`).join(' ') : `快手视频 ${sourceId}`))
      .replace(/\s+/g, ' ').trim();
    entries.push({
      sourceId: sourceId.trim(),
      title,
      tags,
      ...(caption !== undefined ? { caption } : {}),
      ...(category !== undefined ? { category } : {}),
      ...(subcategory !== undefined ? { subcategory } : {}),
      ...(leafCategory !== undefined ? { leafCategory } : {}),
    });
  }
  return { entries };
}
