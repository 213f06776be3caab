import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestLog, type Segment } from './ingest-log.js';

const lines = (...xs: string[]): Buffer => Buffer.from(xs.map((x) => `${x}\n`).join(''));

describe('IngestLog', () => {
  let dir = '';
  let sealed: Segment[] = [];
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rp-log-')); sealed = []; });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes appends in order, seals on demand and hands the segment over', async () => {
    const log = new IngestLog(dir, (s) => sealed.push(s));
    log.recover();
    await Promise.all([log.append(lines('a', 'b')), log.append(lines('c'))]);
    expect(log.openBytes).toBe(6);
    await log.seal();
    expect(sealed).toHaveLength(1);
    expect(readFileSync((sealed[0] as Segment).path, 'utf8')).toBe('a\nb\nc\n');
    expect(sealed[0]).toMatchObject({ seq: 1, bytes: 6 });
    await log.seal();
    expect(sealed).toHaveLength(1);
  });

  it('seals by size and numbers segments in write order', async () => {
    const log = new IngestLog(dir, (s) => sealed.push(s), 4);
    log.recover();
    await log.append(lines('aaaa'));
    await log.append(lines('bb'));
    await log.seal();
    expect(sealed.map((s) => [s.seq, readFileSync(s.path, 'utf8')])).toEqual([[1, 'aaaa\n'], [2, 'bb\n']]);
    log.remove(sealed[0] as Segment);
    expect(readdirSync(dir)).toEqual(['seg-000000000002.ndjson']);
  });

  it('records the longest line it was told about', async () => {
    const log = new IngestLog(dir, (s) => sealed.push(s));
    log.recover();
    await log.append(lines('x'), 40);
    await log.append(lines('y'), 7);
    await log.seal();
    expect(sealed[0]?.longestLine).toBe(40);
  });

  it('recovers what a stopped process left: cuts a torn last line, drops empty files, continues the numbering', async () => {
    writeFileSync(join(dir, 'seg-000000000003.ndjson'), '{"a":1}\n{"b":');
    writeFileSync(join(dir, 'seg-000000000004.ndjson'), '{"c"');
    writeFileSync(join(dir, 'unrelated.txt'), 'keep me');
    const log = new IngestLog(dir, (s) => sealed.push(s));
    const found = log.recover();
    expect(found.map((s) => [s.seq, s.bytes])).toEqual([[3, 8]]);
    expect(readFileSync(join(dir, 'seg-000000000003.ndjson'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir).sort()).toEqual(['seg-000000000003.ndjson', 'unrelated.txt']);
    await log.append(lines('next'));
    await log.seal();
    expect(sealed[0]?.seq).toBe(5);
  });

  it('fails the appends of a group whose write fails, and keeps working afterwards', async () => {
    const log = new IngestLog(join(dir, 'gone'), (s) => sealed.push(s));
    await expect(log.append(lines('lost'))).rejects.toThrow();
    log.recover();
    await log.append(lines('kept'));
    await log.seal();
    expect(readFileSync((sealed[0] as Segment).path, 'utf8')).toBe('kept\n');
  });
});
