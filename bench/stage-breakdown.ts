import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { TenantsService } from '../src/modules/tenants/index.js';
import type { CanonicalEvent } from '../src/modules/events/index.js';

/**
 * Where ingestion time goes, on the first half of the payload (a fresh tenant) in the same run: each stage of the ingest flow run
 * alone, in sequence, over every batch (no HTTP), on a fresh embedded app. Rates are events per second
 * of that stage alone; the end-to-end rate is bounded by their harmonic sum on one thread.
 */
export async function stageBreakdown(payloadFile: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-stages-'));
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: dir } }), { logger: createLogger('silent') });
  try {
    const { tenant } = await app.tenants.createTenant('stages');
    const lines: string[] = [];
    for await (const line of createInterface({ input: createReadStream(payloadFile), crlfDelay: Infinity })) lines.push(line);
    const time = async (fn: () => Promise<void> | void): Promise<number> => { const t0 = performance.now(); await fn(); return (performance.now() - t0) / 1000; };
    let parsed: unknown[][] = [];
    const parseS = await time(() => { parsed = lines.map((l) => JSON.parse(l) as unknown[]); });
    const events = parsed.reduce((n, b) => n + b.length, 0);
    let checked: CanonicalEvent[][] = [];
    const pseudonymise = TenantsService.pseudonymiser(tenant);
    const checkS = await time(() => { checked = parsed.map((b) => app.events.check(tenant.id, b, pseudonymise).events); });
    const identityS = await time(async () => { for (const b of checked) await app.identity.observe(tenant.id, b); });
    const storeS = await time(async () => { for (const b of checked) await app.events.store(b); });
    const rate = (s: number): number => Math.round(events / s);
    return { jsonParse: rate(parseS), validate: rate(checkS), identity: rate(identityS), store: rate(storeS) };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
