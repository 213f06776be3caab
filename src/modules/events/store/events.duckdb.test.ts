import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEventStore } from './events.duckdb.js';
import { describeEventStoreContract } from './events.store.contract.js';

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
