import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEventStore } from './events.duckdb.js';
import { describeEventStoreContract } from './events.store.contract.js';
import { toLogRecord } from './event-columns.js';
import { aStoredEvent } from '../../../../test/builders/events.builder.js';

let dir = '';
describeEventStoreContract('duckdb (embedded)', {
  async reset() {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'rp-duck-'));
  },
  async open() {
    return new DuckDbEventStore(join(dir, 'events.duckdb'), '256MB');
  },
});

describe('DuckDbEventStore ingest log recovery', () => {
  let root = '';
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'rp-duck-rec-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const segment = (seq: number): string => join(root, 'events.duckdb.log', `seg-${String(seq).padStart(12, '0')}.ndjson`);
  const line = (e: ReturnType<typeof aStoredEvent>): string => `${JSON.stringify(toLogRecord(e))}\n`;

  it('loads the segments a stopped process left unloaded, without the torn last line', async () => {
    const a = aStoredEvent({ name: 'pay', orderId: 'o1', amount: 990, currency: 'CNY' });
    const b = aStoredEvent();
    mkdirSync(join(root, 'events.duckdb.log'), { recursive: true });
    writeFileSync(segment(1), line(a) + line(b) + line(aStoredEvent()).slice(0, 30));
    const store = new DuckDbEventStore(join(root, 'events.duckdb'));
    await store.init();
    expect(await store.countByName('t1')).toEqual({ pay: 1, play: 1 });
    expect(await store.find('t1', a.eventId)).toEqual(a);
    expect(existsSync(segment(1))).toBe(false);
    expect(await store.append([b])).toEqual([false]);
    await store.close();
  });

  it('never loads a segment twice when the process stopped between loading and deleting it', async () => {
    const a = aStoredEvent();
    const first = new DuckDbEventStore(join(root, 'events.duckdb'));
    await first.init();
    expect(await first.append([a])).toEqual([true]);
    await first.close();
    // The loaded segment reappears, as if the process had died after the load's commit.
    writeFileSync(segment(1), line(a));
    const second = new DuckDbEventStore(join(root, 'events.duckdb'));
    await second.init();
    expect(await second.countByName('t1')).toEqual({ play: 1 });
    expect(existsSync(segment(1))).toBe(false);
    await second.close();
  });

  it('keeps a segment that fails to load on disk and reports the error to readers', async () => {
    mkdirSync(join(root, 'events.duckdb.log'), { recursive: true });
    writeFileSync(segment(1), '{"tenant":"t1","eventId":"x","ts":"not a number"}\n');
    const store = new DuckDbEventStore(join(root, 'events.duckdb'));
    await expect(store.init()).rejects.toMatchObject({ code: 'events_log_load_failed' });
    expect(existsSync(segment(1))).toBe(true);
    await expect(store.close()).rejects.toMatchObject({ code: 'events_log_load_failed' });
    expect(existsSync(segment(1))).toBe(true);
  });
});
