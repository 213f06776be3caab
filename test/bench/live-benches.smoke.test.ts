import { describe, expect, it } from 'vitest';
import { benchAlerts } from '../../bench/alerts.bench.js';
import { benchLive } from '../../bench/live.bench.js';

// The live-monitoring benchmarks at a tiny size, so a change that breaks them is caught by `npm test`:
// the real server, the client processes (through vite-node here), webhooks and streams all work. Only
// what they did is checked, never how fast (BENCHMARKS.md holds the measured runs).
describe('bench alerts and bench live at a tiny size', () => {
  it('bench alerts ingests in both phases, injects a fault per room and verifies every webhook it gets', async () => {
    const r = await benchAlerts({ seconds: 6, baselineSeconds: 3, rate: 400, rooms: 2, startNow: true });
    expect(r.forMs).toBe(0);
    expect(r.client.errors).toEqual([]);
    expect(r.ingest.loopOff.batches).toBeGreaterThan(0);
    expect(r.ingest.loopOn.batches).toBeGreaterThan(0);
    expect(r.ingest.loopOn.failedBatches + r.ingest.loopOff.failedBatches).toBe(0);
    expect(r.client.offeredEvents).toBeGreaterThan(0);
    expect(r.server.tickMs.n).toBeGreaterThan(0);
    expect(r.alerts.faults).toBe(2);
    expect(r.alerts.detected + r.alerts.missed).toBe(2);
    expect(r.alerts.webhooks.unverified).toBe(0);
  }, 120_000);

  it('bench live keeps every client connected and sends each of them minute frames', async () => {
    const r = await benchLive({ clients: 20, seconds: 5, baselineSeconds: 3, rate: 400, startNow: true });
    expect(r.oneClient.connected).toBe(1);
    expect(r.manyClients.connected).toBe(20);
    expect(r.manyClients.dropped).toBe(0);
    expect(r.manyClients.minuteFramesPerClient.min).toBeGreaterThan(0);
    expect(r.manyClients.minuteDelayMs.n).toBeGreaterThan(0);
    expect(r.manyClients.errors).toEqual([]);
  }, 120_000);
});
