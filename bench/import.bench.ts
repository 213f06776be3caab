import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createApp } from '../src/app/app.js';
import { importFile } from '../src/flows/import-file.flow.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { seededRng } from '../src/shared/random.js';
import { describeMachine, sampleRss } from './machine.js';

const TYPES = ['view', 'view', 'view', 'view', 'view', 'view', 'view', 'view', 'cart', 'purchase'];

/** Writes `rows` synthetic rows in the REES46 2019-Oct layout (seeded, ~4,500 users as in the sample). */
async function writeRees46File(path: string, rows: number): Promise<void> {
  const rng = seededRng(11);
  const out = createWriteStream(path);
  out.write('event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n');
  const start = Date.UTC(2019, 9, 1);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const ts = new Date(start + i * 10).toISOString().replace('T', ' ').slice(0, 19);
    const user = 500_000_000 + Math.floor(rng.next() * 4500);
    const product = 1_000_000 + Math.floor(rng.next() * 20_000);
    buf += `${ts} UTC,${TYPES[i % 10]},${product},2053013555631882655,electronics.smartphone,brand${product % 50},${(rng.next() * 500).toFixed(2)},${user},sess-${user}-${Math.floor(i / 5000)}\n`;
    if (buf.length > 1 << 20) { if (!out.write(buf)) await once(out, 'drain'); buf = ''; }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * File import, end to end: a 1M-row REES46-layout CSV through `importFile` (parse, map, validate,
 * identity, idempotent storage) into the embedded stores. Baseline in the same run: reading the file
 * and splitting it into lines.
 */
export async function benchImport(opts: { rows: number; onProgress?: (share: number) => void }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-import-'));
  try {
    const file = join(dir, 'rees46-synthetic.csv');
    await writeRees46File(file, opts.rows);
    const config = loadConfig({ env: { REELPATH_DATA: join(dir, 'data'), REELPATH_LOG_LEVEL: 'silent' } });
    const app = await createApp(config, { logger: createLogger('silent') });
    try {
      const tenant = (await app.tenants.createTenant('bench')).tenant;
      const rss = sampleRss();
      const summary = await importFile(app, tenant, file, 'rees46', (read, total) => opts.onProgress?.(total > 0 ? read / total : 0));
      const peakRssMb = rss.stop();
      const rowsPerSec = Math.round(summary.rowsRead / summary.seconds);
      // Baseline in the same run, after the measured import so it does not inflate its memory.
      const t0 = performance.now();
      const lines = readFileSync(file, 'utf8').split('\n').length - 2;
      const splitRowsPerSec = Math.round(lines / ((performance.now() - t0) / 1000));
      return {
        benchmark: 'import-csv-rees46', rows: summary.rowsRead, accepted: summary.accepted, rejected: summary.rejected,
        seconds: summary.seconds, rowsPerSec, peakRssMb, splitLinesRowsPerSec: splitRowsPerSec,
        ratioToSplitLines: Number((rowsPerSec / splitRowsPerSec).toFixed(3)), machine: describeMachine(),
      };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
