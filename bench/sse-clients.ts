import { request, type ClientRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { quantile } from './machine.js';

/**
 * Live-board clients for `bench live`, run in a child process (bench/child-main.ts): each opens
 * `GET /v1/live/stream` on its own connection (no agent, so no pool limit), key in the Authorization
 * header, and reads the server-sent events: `minute` frames are timed against the server clock they
 * carry (`now`), `alert` frames are timed per alert change for the fan-out. A stream that ends before
 * `collect` is a drop.
 */

export interface SseClientSpec { readonly key: string; readonly scope: string; readonly group: string }
export type SseCommand = { type: 'open'; port: number; clients: SseClientSpec[]; concurrency: number } | { type: 'collect' };

/** One alert change as the clients saw it: server time of the change and the first and last receipt (epoch ms). */
export interface AlertFanout { readonly alertId: string; readonly status: string; readonly scope: string; readonly changedAt: number; readonly receivers: number; readonly first: number; readonly last: number }

export interface SseResult {
  readonly clients: number;
  readonly connected: number;
  readonly openAtEnd: number;
  readonly dropped: number;
  readonly openMs: number;
  readonly errors: string[];
  /** Frames per connected client: min / median / max. */
  readonly minuteFramesPerClient: { min: number; median: number; max: number };
  readonly alertFramesPerClient: { min: number; median: number; max: number };
  readonly pings: number;
  /** Client receipt − the frame's server `now`, over every minute frame of every client. */
  readonly minuteDelayMs: { n: number; p50: number; p99: number; max: number };
  readonly alerts: AlertFanout[];
  readonly byGroup: Record<string, { clients: number; connected: number; openAtEnd: number }>;
  readonly clientLoopDelayMs: { p99: number; max: number };
  readonly clientCpuCores: number;
}
export type SseMessage = { type: 'opened'; connected: number; failed: number; openMs: number } | { type: 'result'; result: SseResult };

interface Client { spec: SseClientSpec; req: ClientRequest | null; connected: boolean; open: boolean; minute: number; alert: number }

const send = (m: SseMessage): void => { process.send?.(m); };

/** The child's main: `open` → connect the clients → `opened`; `collect` → close them → `result`; repeat until disconnected. */
export function runSseChild(): void {
  let session: ReturnType<typeof openSession> | undefined;
  process.on('message', (m: SseCommand) => {
    if (m.type === 'open') {
      session = openSession(m.port, m.clients, m.concurrency);
      void session.ready.then((o) => send({ type: 'opened', ...o }));
    } else if (m.type === 'collect' && session) {
      send({ type: 'result', result: session.collect() });
      session = undefined;
    }
  });
}

function openSession(port: number, specs: readonly SseClientSpec[], concurrency: number) {
  const clients: Client[] = specs.map((spec) => ({ spec, req: null, connected: false, open: false, minute: 0, alert: 0 }));
  const delays: number[] = [];
  const alerts = new Map<string, { alertId: string; status: string; scope: string; changedAt: number; receivers: number; first: number; last: number }>();
  const errors: string[] = [];
  let pings = 0;
  let collecting = false;
  let openMs = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();

  const onFrame = (c: Client, block: string, at: number): void => {
    if (block.startsWith(':')) { pings++; return; }
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (!event || data === undefined) return;
    if (event === 'snapshot') { c.connected = true; return; }
    if (event === 'minute') { c.minute++; delays.push(at - (JSON.parse(data) as { now: number }).now); return; }
    if (event === 'alert') {
      c.alert++;
      const a = JSON.parse(data) as { id: string; status: string; scope: string; updatedAt: number };
      const key = `${a.id}:${a.status}`;
      const seen = alerts.get(key);
      if (seen) { seen.receivers++; seen.last = Math.max(seen.last, at); seen.first = Math.min(seen.first, at); } else alerts.set(key, { alertId: a.id, status: a.status, scope: a.scope, changedAt: a.updatedAt, receivers: 1, first: at, last: at });
    }
  };

  const connect = (c: Client): Promise<void> => new Promise((resolve) => {
    const path = `/v1/live/stream?scope=${encodeURIComponent(c.spec.scope)}&minutes=5`;
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${c.spec.key}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { if (errors.length < 10) errors.push(`HTTP ${res.statusCode}`); res.resume(); resolve(); return; }
      c.open = true;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const wasConnected = c.connected;
          onFrame(c, block, at);
          if (!wasConnected && c.connected) resolve();
        }
      });
      res.on('close', () => {
        if (!collecting && errors.length < 10) errors.push(`stream of a ${c.spec.group} client closed by the server`);
        c.open = false;
        resolve();
      });
    });
    req.on('error', (err) => { if (!collecting && errors.length < 10) errors.push(err.message); c.open = false; resolve(); });
    req.end();
    c.req = req;
  });

  const ready = (async () => {
    const started = performance.now();
    for (let i = 0; i < clients.length; i += concurrency) await Promise.all(clients.slice(i, i + concurrency).map(connect));
    const connected = clients.filter((c) => c.connected).length;
    openMs = Math.round(performance.now() - started);
    return { connected, failed: clients.length - connected, openMs };
  })();

  const spread = (xs: number[]): { min: number; median: number; max: number } => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
  };

  return {
    ready,
    collect(): SseResult {
      const connected = clients.filter((c) => c.connected);
      const openAtEnd = connected.filter((c) => c.open).length;
      collecting = true;
      for (const c of clients) c.req?.destroy();
      loop.disable();
      const cpu = process.cpuUsage(cpu0);
      const byGroup: SseResult['byGroup'] = {};
      for (const c of clients) {
        const g = (byGroup[c.spec.group] ??= { clients: 0, connected: 0, openAtEnd: 0 });
        g.clients++;
        if (c.connected) g.connected++;
        if (c.connected && c.open) g.openAtEnd++;
      }
      let max = 0;
      for (const d of delays) if (d > max) max = d;
      return {
        clients: clients.length, connected: connected.length, openAtEnd, dropped: connected.length - openAtEnd, openMs, errors,
        minuteFramesPerClient: spread(connected.map((c) => c.minute)), alertFramesPerClient: spread(connected.map((c) => c.alert)), pings,
        minuteDelayMs: { n: delays.length, p50: quantile(delays, 0.5), p99: quantile(delays, 0.99), max },
        alerts: [...alerts.values()], byGroup,
        clientLoopDelayMs: { p99: Math.round(loop.percentile(99) / 1e6), max: Math.round(loop.max / 1e6) },
        clientCpuCores: Math.round(((cpu.user + cpu.system) / 1e6 / ((performance.now() - t0) / 1000)) * 100) / 100,
      };
    },
  };
}
