import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile, type CsvReadOptions } from './csv-reader.js';
import type { CsvRow } from './domain/csv-parse.js';

const dir = mkdtempSync(join(tmpdir(), 'reelpath-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options: CsvReadOptions): Promise<{ header: readonly string[] | undefined; rows: CsvRow[]; progress: number[] }> {
  const rows: CsvRow[] = [];
  const progress: number[] = [];
  let header: readonly string[] | undefined;
  for await (const batch of readCsvFile(path, { ...options, onProgress: (read, total) => progress.push(read / total) })) {
    header = batch.header;
    rows.push(...batch.rows);
  }
  return { header, rows, progress };
}

describe('readCsvFile', () => {
  const text = 'id,name,note\r\n1,"Zhang, San","他说""好"""\r\n2,李四,"two\r\nlines"\r\n3,"王五",\r\n';

  it('gives the same rows for every read size, multi-byte characters and CRLF split across reads', async () => {
    const path = file('cn.csv', text);
    const expected = await readAll(path, { header: true });
    expect(expected.header).toEqual(['id', 'name', 'note']);
    expect(expected.rows.map((r) => r.fields)).toEqual([['1', 'Zhang, San', '他说"好"'], ['2', '李四', 'two\r\nlines'], ['3', '王五', '']]);
    expect(expected.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    for (const chunkBytes of [1, 2, 3, 5, 7, 16]) expect((await readAll(path, { header: true, chunkBytes })).rows).toEqual(expected.rows);
  });

  it('reports the cut-off last row of a truncated file as one error row', async () => {
    const path = file('truncated.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8');
    const { rows, progress } = await readAll(path, { header: true, chunkBytes: 4 });
    expect(rows.filter((r) => r.error === undefined)).toHaveLength(2);
    expect(rows.filter((r) => r.error !== undefined)).toEqual([
      { line: 4, fields: ['7', '8'], atEof: true, error: 'expected 3 fields, found 2 (last row has no line end: the file looks truncated)' },
    ]);
    expect(progress.at(-1)).toBe(1);
  });

  it('flags a wrong field count in the middle too, and reads a last row without line end', async () => {
    const path = file('ragged.csv', '1,2,3\n4,5\n6,7,8');
    const { rows } = await readAll(path, { header: false, columns: 3 });
    expect(rows.map((r) => [r.line, r.error ?? 'ok'])).toEqual([[1, 'ok'], [2, 'expected 3 fields, found 2'], [3, 'ok']]);
  });

  it('takes the width from the first row without a header, and drops a UTF-8 BOM', async () => {
    const path = file('bom.tsv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x\ty\n1\t2\n')]));
    const { header, rows } = await readAll(path, { header: false, delimiter: '\t' });
    expect(header).toBeUndefined();
    expect(rows.map((r) => r.fields)).toEqual([['x', 'y'], ['1', '2']]);
  });

  it('reports an unterminated quote at the end as an error row', async () => {
    const { rows } = await readAll(file('open.csv', 'a,b\n1,"never closed\n'), { header: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.error).toContain('unterminated');
  });

  it('fails with import_file_not_found for a missing file', async () => {
    await expect(readAll(join(dir, 'missing.csv'), { header: true })).rejects.toMatchObject({ code: 'import_file_not_found' });
  });
});
