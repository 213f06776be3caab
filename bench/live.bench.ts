import { loadavg } from 'node:os';
import { spawnBenchChild } from './bench-child.js';
import {
  createRooms, phaseMeter, round, seedRooms, sleepUntil, startBackgroundRound, startLiveServer, startWatchLoop, summarise, withFault,
  type KeyedRoom, type Loop,
} from './live-harness.js';
import type { LoadMessage, LoadResult } from './load-client.js';
import { describeMachine, sampleRss } from './machine.js';
import type { SseClientSpec, SseMessage, SseResult } from './sse-clients.js';

export interface LiveBenchOptions {
  /** Live-board clients in the measured phase. */
  readonly clients: number;
  /** Length of the measured phase (all clients connected; two faults raise alerts in it). */
  readonly seconds: number;
  /** Length of the same-run baseline before it: one client. */
  readonly baselineSeconds: number;
  /** Events per second ingested meanwhile, over six rooms (a quarter in the busy one). */
  readonly rate: number;
  /** Start within a second, not on the next calendar minute (smoke tests; the figures are then not comparable). */
  readonly startNow?: boolean;
  readonly onProgress?: (line: string) => void;
}

/** Shares of the load per room: the busy room (most clients watch it) and five smaller ones. */
const ROOM_SHARES = [0.25, 0.15, 0.15, 0.15, 0.15, 0.15] as const;
const OPEN_CONCURRENCY = 50;

type Summary = ReturnType<typeof summarise>;

/**
 * Who watches what: 70 % of the clients on the busy room's live scope, 10 % on its shop (`all`), 10 % on
 * the second room, 10 % on the third. Alert changes go to every stream of the alert's tenant.
 */
function clientSpecs(rooms: readonly KeyedRoom[], n: number): SseClientSpec[] {
  const [a, b, c] = rooms as [KeyedRoom, KeyedRoom, KeyedRoom];
  const groups: [SseClientSpec, number][] = [
    [{ key: a.secretKey, scope: 'all', group: 'busy room, shop scope' }, Math.floor(n * 0.1)],
    [{ key: b.secretKey, scope: `live:${b.liveId}`, group: 'room 2, live scope' }, Math.floor(n * 0.1)],
    [{ key: c.secretKey, scope: `live:${c.liveId}`, group: 'room 3, live scope' }, Math.floor(n * 0.1)],
  ];
  const rest = n - groups.reduce((s, [, k]) => s + k, 0);
  groups.unshift([{ key: a.secretKey, scope: `live:${a.liveId}`, group: 'busy room, live scope' }, rest]);
  return groups.flatMap(([spec, k]) => Array.from({ length: k }, () => spec));
}

/**
 * `reelpath bench live`: live-board clients on `GET /v1/live/stream` of the real server on loopback, in a
 * child process of their own, while a second child ingests a steady load over HTTP (so `minute` frames
 * flow) and the evaluation loop runs as in `reelpath serve` with `alerts.forMs` 0; a broken checkout in
 * the busy room and throttled traffic in the second raise alerts (so `alert` frames flow). Baseline in the
 * same run: the same load with one client.
 */
export async function benchLive(opts: LiveBenchOptions): Promise<LiveBenchResult> {
  const say = opts.onProgress ?? (() => {});
  const loadAvgBefore = round(loadavg()[0] ?? 0, 2);
  const srv = await startLiveServer({ REELPATH_ALERTS_FOR_MS: '0' });
  const load = spawnBenchChild('load');
  const sse = spawnBenchChild('sse');
  const ticks: number[] = [];
  let watch: Loop | undefined;
  let background: Loop | undefined;
  try {
    await load.next<Extract<LoadMessage, { type: 'ready' }>>('ready');
    const keyed = await createRooms(srv.app, ROOM_SHARES.map((s) => opts.rate * s));
    say('seeding the rooms\' earlier sessions');
    const warmupMs = Math.min(10_000, (opts.baselineSeconds * 1000) / 3);
    const totalSeconds = warmupMs / 1000 + opts.baselineSeconds + opts.seconds + 30;
    const startAt = await seedRooms(srv.app, keyed, Math.ceil(totalSeconds / 60) + (opts.startNow ? 1 : 0), true, opts.startNow);
    const oneAt = startAt + warmupMs;
    const manyAt = oneAt + opts.baselineSeconds * 1000;
    // Opening the clients takes a few seconds: the faults come after it, in the measured phase.
    const faultAt = (share: number): number => manyAt + 15_000 + Math.round(share * Math.max(0, opts.seconds - 45) * 1000);
    const faultMs = Math.min(30_000, Math.max(10_000, opts.seconds * 250));
    const rooms = keyed.map((r, i) => withFault(r, i === 0 ? { kind: 'checkout_broken', from: faultAt(0), to: faultAt(0) + faultMs }
      : i === 1 ? { kind: 'traffic_throttled', from: faultAt(0.5), to: faultAt(0.5) + faultMs } : null));
    const endAt = manyAt + opts.seconds * 1000;
    load.send({ type: 'start', plan: { port: srv.port, rooms, startAt, endAt: endAt + 2_000, sliceMs: 200, maxBatch: srv.app.config.events.maxBatchSize } });
    background = startBackgroundRound(srv.app);
    watch = startWatchLoop(srv.app, ticks);
    say(`load starts at ${new Date(startAt).toISOString()} (${Math.round((startAt - Date.now()) / 1000)} s); 1 client for ${opts.baselineSeconds} s, then ${opts.clients} for ${opts.seconds} s`);

    const phase = async (n: number, from: number, to: number): Promise<{ sse: SseResult; server: ServerPhase }> => {
      await sleepUntil(from);
      const meter = phaseMeter();
      const rss = sampleRss();
      const rssBefore = process.memoryUsage().rss;
      sse.send({ type: 'open', port: srv.port, clients: clientSpecs(rooms, n), concurrency: OPEN_CONCURRENCY });
      const opened = await sse.next<Extract<SseMessage, { type: 'opened' }>>('opened');
      say(`${opened.connected} of ${n} clients connected in ${opened.openMs} ms`);
      // Resident memory the open streams added, a second after the last one opened (ingestion goes on, so roughly).
      await new Promise((r) => setTimeout(r, 1_000));
      const openedRssMb = Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20);
      await sleepUntil(to);
      sse.send({ type: 'collect' });
      const { result } = await sse.next<Extract<SseMessage, { type: 'result' }>>('result');
      return { sse: result, server: { ...meter.end(), peakRssMb: rss.stop(), rssAddedByOpeningMb: openedRssMb } };
    };
    const one = await phase(1, oneAt, manyAt);
    const many = await phase(opts.clients, manyAt, endAt);
    await watch.stop();
    watch = undefined;
    await load.next<Extract<LoadMessage, { type: 'sent' }>>('sent');
    load.send({ type: 'finish' });
    const { result } = await load.next<Extract<LoadMessage, { type: 'result' }>>('result');
    const connected = (group: string): number => many.sse.byGroup[group]?.connected ?? 0;
    const expected = (alertScope: string): number => {
      const room = rooms.findIndex((r) => alertScope === `live:${r.liveId}`);
      return room === 0 ? connected('busy room, live scope') + connected('busy room, shop scope')
        : room === 1 ? connected('room 2, live scope') : room === 2 ? connected('room 3, live scope') : 0;
    };
    return {
      benchmark: 'live', forMs: srv.app.config.alerts.forMs, offeredEventsPerSec: opts.rate, clients: opts.clients, baselineSeconds: opts.baselineSeconds, seconds: opts.seconds,
      clientsProcess: 'one child process for all SSE clients, another for the event load; the server process runs only the app',
      oneClient: summariseSse(one.sse, one.server, result, oneAt, manyAt),
      manyClients: summariseSse(many.sse, many.server, result, manyAt, endAt),
      loadClientCpuCores: result.clientCpuCores,
      alertFanout: many.sse.alerts.map((a) => ({
        alertId: a.alertId, status: a.status, scope: a.scope, receivers: a.receivers, expectedReceivers: expected(a.scope),
        firstMs: a.first - a.changedAt, lastMs: a.last - a.changedAt,
      })),
      tickMs: summarise(ticks, 1),
      machine: { ...describeMachine(), loadAvg1mBefore: loadAvgBefore },
    };
  } finally {
    await watch?.stop();
    await background?.stop();
    await Promise.all([load.stop(), sse.stop()]);
    await srv.close();
  }
}

interface ServerPhase { cpuCores: number; eventLoopUtilisation: number; seconds: number; peakRssMb: number; rssAddedByOpeningMb: number }

function summariseSse(s: SseResult, server: ServerPhase, load: LoadResult, from: number, to: number): LivePhase {
  const batches = load.batches.filter((b) => b.sentAt >= from && b.sentAt < to);
  return {
    clients: s.clients, connected: s.connected, openAtEnd: s.openAtEnd, dropped: s.dropped, openMs: s.openMs,
    minuteFramesPerClient: s.minuteFramesPerClient, alertFramesPerClient: s.alertFramesPerClient,
    minuteDelayMs: { n: s.minuteDelayMs.n, p50: s.minuteDelayMs.p50, p99: s.minuteDelayMs.p99, max: s.minuteDelayMs.max },
    server,
    ingest: {
      ackedEventsPerSec: Math.round(batches.reduce((n, b) => n + b.accepted, 0) / ((to - from) / 1000)),
      batchLatencyMs: summarise(batches.map((b) => b.latencyMs), 1), failedBatches: batches.filter((b) => b.status !== 200).length,
    },
    clientProcess: { cpuCores: s.clientCpuCores, loopDelayMs: s.clientLoopDelayMs },
    errors: s.errors,
  };
}

interface LivePhase {
  clients: number; connected: number; openAtEnd: number; dropped: number; openMs: number;
  minuteFramesPerClient: { min: number; median: number; max: number };
  alertFramesPerClient: { min: number; median: number; max: number };
  minuteDelayMs: { n: number; p50: number; p99: number; max: number };
  server: ServerPhase;
  ingest: { ackedEventsPerSec: number; batchLatencyMs: Summary; failedBatches: number };
  clientProcess: { cpuCores: number; loopDelayMs: { p99: number; max: number } };
  errors: string[];
}

export interface LiveBenchResult {
  benchmark: 'live';
  forMs: number;
  offeredEventsPerSec: number;
  clients: number;
  baselineSeconds: number;
  seconds: number;
  clientsProcess: string;
  oneClient: LivePhase;
  manyClients: LivePhase;
  /** CPU of the event load's process over the whole run, in cores. */
  loadClientCpuCores: number;
  alertFanout: { alertId: string; status: string; scope: string; receivers: number; expectedReceivers: number; firstMs: number; lastMs: number }[];
  tickMs: Summary;
  machine: Record<string, unknown>;
}

/** The human table of `bench live`. */
export function formatLiveTable(r: LiveBenchResult): string {
  const o = r.oneClient;
  const m = r.manyClients;
  const ratio = (a: number, b: number): string => (b > 0 ? ` (×${round(a / b, 2)})` : '');
  const rows: [string, string, string][] = [
    ['', '1 client (baseline)', `${r.clients} clients`],
    ['connected / open at end / dropped', `${o.connected} / ${o.openAtEnd} / ${o.dropped}`, `${m.connected} / ${m.openAtEnd} / ${m.dropped} (opened in ${m.openMs} ms)`],
    ['minute frames per client min/med/max', `${o.minuteFramesPerClient.min} / ${o.minuteFramesPerClient.median} / ${o.minuteFramesPerClient.max}`, `${m.minuteFramesPerClient.min} / ${m.minuteFramesPerClient.median} / ${m.minuteFramesPerClient.max}`],
    ['alert frames per client min/med/max', `${o.alertFramesPerClient.min} / ${o.alertFramesPerClient.median} / ${o.alertFramesPerClient.max}`, `${m.alertFramesPerClient.min} / ${m.alertFramesPerClient.median} / ${m.alertFramesPerClient.max}`],
    ['minute frame delay p50/p99/max ms', `${o.minuteDelayMs.p50} / ${o.minuteDelayMs.p99} / ${o.minuteDelayMs.max}`, `${m.minuteDelayMs.p50} / ${m.minuteDelayMs.p99} / ${m.minuteDelayMs.max} (n=${m.minuteDelayMs.n})`],
    ['server CPU cores / ELU', `${o.server.cpuCores} / ${o.server.eventLoopUtilisation}`, `${m.server.cpuCores}${ratio(m.server.cpuCores, o.server.cpuCores)} / ${m.server.eventLoopUtilisation}`],
    ['server peak RSS MB (grows with events ingested)', String(o.server.peakRssMb), String(m.server.peakRssMb)],
    ['server RSS added by opening the streams MB', String(o.server.rssAddedByOpeningMb), String(m.server.rssAddedByOpeningMb)],
    ['events/s acknowledged', String(o.ingest.ackedEventsPerSec), String(m.ingest.ackedEventsPerSec)],
    ['ingest batch p99 ms', String(o.ingest.batchLatencyMs.p99), String(m.ingest.batchLatencyMs.p99)],
    ['SSE client process CPU cores / loop delay p99', `${o.clientProcess.cpuCores} / ${o.clientProcess.loopDelayMs.p99} ms`, `${m.clientProcess.cpuCores} / ${m.clientProcess.loopDelayMs.p99} ms`],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = rows.map(([k, b, c]) => `${k.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  lines.push('', `${r.offeredEventsPerSec} events/s offered; forMs ${r.forMs}; ${r.clientsProcess} (load process: ${r.loadClientCpuCores} cores)`, 'alert fan-out (alert change → first / last client received):');
  for (const a of r.alertFanout) lines.push(`  ${a.status.padEnd(9)} ${a.scope}: ${a.receivers} of ${a.expectedReceivers} clients, ${a.firstMs} / ${a.lastMs} ms`);
  if (r.alertFanout.length === 0) lines.push('  none');
  const errors = [...o.errors, ...m.errors];
  if (errors.length > 0) lines.push(`client errors: ${errors.join('; ')}`);
  return lines.join('\n');
}
