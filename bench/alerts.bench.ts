import { loadavg } from 'node:os';
import { spawnBenchChild } from './bench-child.js';
import {
  createRooms, phaseMeter, registerEndpoint, round, seedRooms, sleepUntil, startBackgroundRound, startLiveServer, startWatchLoop, summarise, withFault,
  type KeyedRoom, type Loop,
} from './live-harness.js';
import type { BatchRecord, HookRecord, LoadMessage, LoadResult } from './load-client.js';
import type { RoomFault } from './live-rooms.js';
import { describeMachine, sampleRss } from './machine.js';

export interface AlertsBenchOptions {
  /** Length of the measured phase with the evaluation loop on (faults are injected in it). */
  readonly seconds: number;
  /** Length of the same-run baseline before it: the same load with the evaluation loop off. */
  readonly baselineSeconds: number;
  /** Events per second offered, over all rooms. */
  readonly rate: number;
  readonly rooms: number;
  /** How often each room's client sends what is due (ms). */
  readonly sliceMs?: number;
  /** Start within a second, not on the next calendar minute (smoke tests; the figures are then not comparable). */
  readonly startNow?: boolean;
  readonly onProgress?: (line: string) => void;
}

type Summary = ReturnType<typeof summarise>;

const GRACE_MS = 60_000;
const EXPECTED_DIAGNOSIS: Record<RoomFault['kind'], string> = { checkout_broken: 'checkout_failure', traffic_throttled: 'traffic_drop' };

/**
 * Faults at staggered times of the measured phase, one per room, alternating a broken checkout (pay
 * events stop) and throttled traffic (70 % of arriving viewers stay away), each `min(40 s, phase / 4)` long.
 */
function scheduleFaults(rooms: number, loopAt: number, seconds: number): RoomFault[] {
  const first = Math.min(20, seconds * 0.15);
  const last = Math.max(first, seconds - 50);
  const length = Math.min(40, Math.max(5, seconds / 4)) * 1000;
  return Array.from({ length: rooms }, (_, i) => {
    const from = loopAt + Math.round((first + (rooms > 1 ? (i * (last - first)) / (rooms - 1) : 0)) * 1000);
    return { kind: i % 2 === 0 ? 'checkout_broken' : 'traffic_throttled', from, to: from + length };
  });
}

/**
 * `reelpath bench alerts`: the real server on loopback ingests a steady load of live-room events over
 * HTTP from a client process while `reelpath serve`'s evaluation loop runs at its period; a fault starts
 * in each room at a recorded time and every alert webhook is received, verified and timed by the client
 * process. `alerts.forMs` is 0: `for` is a confirmation delay added on purpose, not pipeline latency.
 *
 * Latencies per firing webhook (all wall-clock ms, one machine):
 * - detection = received − fault start (statistics + pipeline);
 * - pipeline (from ack) = received − when the client had the answer to the evidence batch, the batch
 *   that carried the newest event the firing evaluation counted: its newest event time equals the
 *   alert's `firingSince` (the evaluation's watermark with `for` 0), and a room's batches are sent one
 *   at a time in time order, so it is the last batch the evaluation saw;
 * - pipeline (from POST) = received − when that batch was sent: the ingestion of the evidence included.
 * Baseline in the same run: the same load before the loop starts (ingest latency with vs without alerting).
 */
export async function benchAlerts(opts: AlertsBenchOptions): Promise<AlertsBenchResult> {
  const say = opts.onProgress ?? (() => {});
  const sliceMs = opts.sliceMs ?? 200;
  const loadAvgBefore = round(loadavg()[0] ?? 0, 2);
  const srv = await startLiveServer({ REELPATH_ALERTS_FOR_MS: '0' });
  const child = spawnBenchChild('load');
  const ticks: number[] = [];
  let watch: Loop | undefined;
  let background: Loop | undefined;
  try {
    const { receiverPort } = await child.next<Extract<LoadMessage, { type: 'ready' }>>('ready');
    const keyed = await createRooms(srv.app, Array.from({ length: opts.rooms }, () => opts.rate / opts.rooms));
    for (const [i, room] of keyed.entries()) await registerEndpoint(srv.port, room, `http://127.0.0.1:${receiverPort}/hook/${i}`);
    say(`seeding ${opts.rooms} rooms' earlier sessions`);
    // The session starts on a calendar minute (its minute 0 is a whole minute, as in history).
    const startAt = await seedRooms(srv.app, keyed, Math.ceil((opts.baselineSeconds + opts.seconds) / 60) + (opts.startNow ? 1 : 0), opts.baselineSeconds < 60, opts.startNow);
    const warmupMs = Math.min(10_000, (opts.baselineSeconds * 1000) / 3);
    const loopAt = startAt + opts.baselineSeconds * 1000;
    const endAt = loopAt + opts.seconds * 1000;
    const faults = scheduleFaults(opts.rooms, loopAt, opts.seconds);
    const rooms = keyed.map((r, i) => withFault(r, faults[i] ?? null));
    child.send({ type: 'start', plan: { port: srv.port, rooms, startAt, endAt, sliceMs, maxBatch: srv.app.config.events.maxBatchSize } });
    background = startBackgroundRound(srv.app);
    const rss = sampleRss();
    say(`load starts at ${new Date(startAt).toISOString()} (${Math.round((startAt - Date.now()) / 1000)} s); evaluation loop off for ${opts.baselineSeconds} s, then on for ${opts.seconds} s`);
    await sleepUntil(startAt + warmupMs);
    const offMeter = phaseMeter();
    const offRss = sampleRss();
    await sleepUntil(loopAt);
    const off = { ...offMeter.end(), peakRssMb: offRss.stop() };
    say('evaluation loop on; faults start');
    const onMeter = phaseMeter();
    const onRss = sampleRss();
    watch = startWatchLoop(srv.app, ticks);
    await sleepUntil(endAt);
    // Sending stops at endAt: the loop stops with it (afterwards every room would read as a drop).
    await watch.stop();
    watch = undefined;
    const on = { ...onMeter.end(), peakRssMb: onRss.stop() };
    await child.next<Extract<LoadMessage, { type: 'sent' }>>('sent');
    await new Promise((r) => setTimeout(r, 2_000));
    child.send({ type: 'finish' });
    const { result } = await child.next<Extract<LoadMessage, { type: 'result' }>>('result');
    const peakRssMb = rss.stop();
    return {
      benchmark: 'alerts', forMs: srv.app.config.alerts.forMs, evaluateEveryMs: srv.app.config.alerts.evaluateEveryMs,
      note: 'alerts.forMs = 0: `for` is a confirmation delay added on purpose (default 2 min), separate from the pipeline measured here',
      offeredEventsPerSec: opts.rate, rooms: opts.rooms, baselineSeconds: opts.baselineSeconds, seconds: opts.seconds, sliceMs,
      ingest: ingestPhases(result, startAt, startAt + warmupMs, loopAt, endAt),
      server: { peakRssMb, loopOff: off, loopOn: on, tickMs: summarise(ticks, 1) },
      alerts: analyseAlerts(result.hooks, result.batches, rooms, loopAt, endAt),
      client: { offeredEvents: result.offered, cpuCores: result.clientCpuCores, loopDelayMs: result.clientLoopDelayMs, errors: result.errors },
      machine: { ...describeMachine(), loadAvg1mBefore: loadAvgBefore },
    };
  } finally {
    await watch?.stop();
    await background?.stop();
    await child.stop();
    await srv.close();
  }
}

interface IngestPhase { seconds: number; offeredEventsPerSec: number; ackedEventsPerSec: number; batches: number; failedBatches: number; rejectedEvents: number; batchLatencyMs: Summary; sendLagMs: Summary }

function ingestPhases(result: LoadResult, startAt: number, offFrom: number, loopAt: number, endAt: number): AlertsBenchResult['ingest'] {
  const phase = (from: number, to: number): IngestPhase => {
    const bs = result.batches.filter((b) => b.sentAt >= from && b.sentAt < to);
    const offered = result.offeredBySecond.slice((from - startAt) / 1000, (to - startAt) / 1000).reduce((a, b) => a + b, 0);
    return {
      seconds: round((to - from) / 1000, 1), offeredEventsPerSec: Math.round(offered / ((to - from) / 1000)), ackedEventsPerSec: Math.round(bs.reduce((n, b) => n + b.accepted, 0) / ((to - from) / 1000)),
      batches: bs.length, failedBatches: bs.filter((b) => b.status !== 200).length,
      rejectedEvents: bs.reduce((n, b) => n + (b.status === 200 ? b.events - b.accepted : 0), 0),
      batchLatencyMs: summarise(bs.map((b) => b.latencyMs), 1), sendLagMs: summarise(bs.map((b) => b.lagMs)),
    };
  };
  const loopOff = phase(offFrom, loopAt);
  const loopOn = phase(loopAt, endAt);
  const ratio = (a: number | null, b: number | null): number | null => (a !== null && b ? round(a / b, 2) : null);
  // Every 10 s from the loop's start (negative: before it), by when batches were sent.
  const timeline: AlertsBenchResult['ingest']['timeline'] = [];
  for (let t = offFrom; t < endAt; t += 10_000) {
    const p = phase(t, Math.min(endAt, t + 10_000));
    timeline.push({ fromSecond: round((t - loopAt) / 1000), offeredEventsPerSec: p.offeredEventsPerSec, ackedEventsPerSec: p.ackedEventsPerSec, batchP99Ms: p.batchLatencyMs.p99, sendLagMaxMs: p.sendLagMs.max });
  }
  return { loopOff, loopOn, p99RatioOnToOff: ratio(loopOn.batchLatencyMs.p99, loopOff.batchLatencyMs.p99), rateRatioOnToOff: ratio(loopOn.ackedEventsPerSec, loopOff.ackedEventsPerSec), timeline };
}

/** An alert that answered no fault (false alarm: atSecond from the loop's start) or came after its room's first (from the fault's start). */
interface AlertNote { room: number; atSecond: number; ruleId: string; diagnosis: string | null; scope: string }

/** One fault and the alert that answered it. */
interface Detection {
  room: number; fault: RoomFault['kind']; diagnosis: string | null; ruleId: string; diagnosisAsExpected: boolean;
  /** The leading rule's value ÷ its baseline at the firing evaluation (a sliding minute). */
  valueToBaseline: number | null;
  detectionMs: number; pipelineFromAckMs: number | null; pipelineFromPostMs: number | null; evidenceAgeMs: number | null;
  ackToEvaluationMs: number | null; evaluationToReceiptMs: number | null;
}

function analyseAlerts(hooks: readonly HookRecord[], batches: readonly BatchRecord[], rooms: readonly KeyedRoom[], loopAt: number, endAt: number): AlertsBenchResult['alerts'] {
  // Per room, the batch by its newest event time (the later one if two share it).
  const byMaxTs = rooms.map(() => new Map<number, BatchRecord>());
  for (const b of batches) if (b.status === 200) byMaxTs[b.room]?.set(b.maxTs, b);
  const detections: Detection[] = [];
  const falseAlarms: AlertNote[] = [];
  // Further incidents in a room already alerted, inside its fault window (atSecond: from the fault's start).
  const extra: AlertNote[] = [];
  const firing = hooks.filter((h) => h.kind === 'alert.firing').sort((a, b) => a.receivedAt - b.receivedAt);
  for (const h of firing) {
    const fault = rooms[h.room]?.fault;
    const at = h.firingSince ?? h.receivedAt;
    const inFault = fault !== null && fault !== undefined && at >= fault.from && at < fault.to + GRACE_MS;
    if (!inFault) { falseAlarms.push({ room: h.room, atSecond: round((at - loopAt) / 1000, 1), ruleId: h.ruleId, diagnosis: h.diagnosis, scope: h.scope }); continue; }
    if (detections.some((d) => d.room === h.room)) { extra.push({ room: h.room, atSecond: round((at - fault.from) / 1000, 1), ruleId: h.ruleId, diagnosis: h.diagnosis, scope: h.scope }); continue; }
    const evidence = h.firingSince === null ? undefined : byMaxTs[h.room]?.get(h.firingSince);
    detections.push({
      room: h.room, fault: fault.kind, diagnosis: h.diagnosis, ruleId: h.ruleId, diagnosisAsExpected: h.diagnosis === EXPECTED_DIAGNOSIS[fault.kind],
      valueToBaseline: h.value !== null && h.baseline ? round(h.value / h.baseline, 3) : null,
      detectionMs: h.receivedAt - fault.from,
      pipelineFromAckMs: evidence ? h.receivedAt - evidence.ackAt : null,
      pipelineFromPostMs: evidence ? h.receivedAt - evidence.sentAt : null,
      evidenceAgeMs: h.firingSince === null ? null : h.receivedAt - h.firingSince,
      ackToEvaluationMs: evidence && h.updatedAt !== null ? h.updatedAt - evidence.ackAt : null,
      evaluationToReceiptMs: h.updatedAt === null ? null : h.receivedAt - h.updatedAt,
    });
  }
  // Room-minutes of the measured phase outside any fault window (fault start → end + grace).
  let clearMs = 0;
  for (const r of rooms) {
    const total = endAt - loopAt;
    const f = r.fault;
    clearMs += f ? total - Math.max(0, Math.min(endAt, f.to + GRACE_MS) - Math.max(loopAt, f.from)) : total;
  }
  const pick = (k: keyof Detection): number[] => detections.map((d) => d[k]).filter((v): v is number => typeof v === 'number');
  const faults = rooms.filter((r) => r.fault !== null).length;
  return {
    faults, detected: detections.length, missed: faults - detections.length, diagnosisAsExpected: detections.filter((d) => d.diagnosisAsExpected).length,
    extraAlertsDuringFaults: extra.length, falseAlarms: falseAlarms.length, faultFreeRoomMinutes: round(clearMs / 60_000, 1),
    webhooks: { firing: firing.length, resolved: hooks.filter((h) => h.kind === 'alert.resolved').length, unverified: hooks.filter((h) => !h.verified).length },
    evidenceBatchFound: detections.filter((d) => d.pipelineFromAckMs !== null).length,
    detectionMs: summarise(pick('detectionMs')), pipelineFromAckMs: summarise(pick('pipelineFromAckMs')), pipelineFromPostMs: summarise(pick('pipelineFromPostMs')),
    evidenceAgeMs: summarise(pick('evidenceAgeMs')), ackToEvaluationMs: summarise(pick('ackToEvaluationMs')), evaluationToReceiptMs: summarise(pick('evaluationToReceiptMs')),
    perFault: detections, extraAlertList: extra, falseAlarmList: falseAlarms,
  };
}

export interface AlertsBenchResult {
  benchmark: 'alerts';
  forMs: number;
  evaluateEveryMs: number;
  note: string;
  offeredEventsPerSec: number;
  rooms: number;
  baselineSeconds: number;
  seconds: number;
  sliceMs: number;
  ingest: {
    loopOff: IngestPhase; loopOn: IngestPhase; p99RatioOnToOff: number | null; rateRatioOnToOff: number | null;
    timeline: { fromSecond: number; offeredEventsPerSec: number; ackedEventsPerSec: number; batchP99Ms: number | null; sendLagMaxMs: number | null }[];
  };
  server: {
    peakRssMb: number;
    loopOff: { cpuCores: number; eventLoopUtilisation: number; seconds: number; peakRssMb: number };
    loopOn: { cpuCores: number; eventLoopUtilisation: number; seconds: number; peakRssMb: number };
    tickMs: Summary;
  };
  alerts: {
    faults: number; detected: number; missed: number; diagnosisAsExpected: number; extraAlertsDuringFaults: number; falseAlarms: number; faultFreeRoomMinutes: number;
    webhooks: { firing: number; resolved: number; unverified: number };
    evidenceBatchFound: number;
    detectionMs: Summary; pipelineFromAckMs: Summary; pipelineFromPostMs: Summary; evidenceAgeMs: Summary; ackToEvaluationMs: Summary; evaluationToReceiptMs: Summary;
    perFault: Detection[];
    extraAlertList: AlertNote[];
    falseAlarmList: AlertNote[];
  };
  client: { offeredEvents: number; cpuCores: number; loopDelayMs: { p99: number; max: number }; errors: string[] };
  machine: Record<string, unknown>;
}

const fmt = (s: Summary): string => (s.n === 0 ? '—' : `${s.p50} / ${s.p99} / ${s.max} (n=${s.n})`);

/** The human table of `bench alerts`. */
export function formatAlertsTable(r: AlertsBenchResult): string {
  const { ingest: i, server: s, alerts: a } = r;
  const rows: [string, string, string][] = [
    ['', 'loop off (baseline)', 'loop on (faults)'],
    ['events/s offered', String(i.loopOff.offeredEventsPerSec), String(i.loopOn.offeredEventsPerSec)],
    ['events/s acknowledged', String(i.loopOff.ackedEventsPerSec), `${i.loopOn.ackedEventsPerSec} (×${i.rateRatioOnToOff ?? '—'})`],
    ['batch latency p50/p99/max ms', fmt(i.loopOff.batchLatencyMs), `${fmt(i.loopOn.batchLatencyMs)}; p99 ×${i.p99RatioOnToOff ?? '—'}`],
    ['send lag p50/p99/max ms', fmt(i.loopOff.sendLagMs), fmt(i.loopOn.sendLagMs)],
    ['failed batches / rejected events', `${i.loopOff.failedBatches} / ${i.loopOff.rejectedEvents}`, `${i.loopOn.failedBatches} / ${i.loopOn.rejectedEvents}`],
    ['server CPU cores / ELU', `${s.loopOff.cpuCores} / ${s.loopOff.eventLoopUtilisation}`, `${s.loopOn.cpuCores} / ${s.loopOn.eventLoopUtilisation}`],
    ['server peak RSS MB', String(s.loopOff.peakRssMb), String(s.loopOn.peakRssMb)],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = rows.map(([k, b, c]) => `${k.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  lines.push('',
    `${r.rooms} rooms, ${r.offeredEventsPerSec} events/s offered, evaluation every ${r.evaluateEveryMs} ms, forMs ${r.forMs} (${r.note})`,
    `tick duration p50/p99/max ms: ${fmt(s.tickMs)}`,
    `faults ${a.faults}: detected ${a.detected} (diagnosis as expected ${a.diagnosisAsExpected}), missed ${a.missed}; extra alerts during faults ${a.extraAlertsDuringFaults}; false alarms ${a.falseAlarms} in ${a.faultFreeRoomMinutes} fault-free room-minutes`,
    ...a.falseAlarmList.map((x) => `  false alarm: room ${x.room} ${x.scope}, ${x.ruleId} (${x.diagnosis}) ${x.atSecond} s after the loop started`),
    ...a.extraAlertList.map((x) => `  further alert: room ${x.room} ${x.scope}, ${x.ruleId} (${x.diagnosis}) ${x.atSecond} s after its fault started`),
    `webhooks: ${a.webhooks.firing} firing, ${a.webhooks.resolved} resolved, ${a.webhooks.unverified} failed verification`,
    'latency p50 / p99 / max ms:',
    `  fault start → webhook received (detection + pipeline)   ${fmt(a.detectionMs)}`,
    `  evidence acknowledged → webhook received (pipeline)      ${fmt(a.pipelineFromAckMs)}`,
    `  evidence POSTed → webhook received                       ${fmt(a.pipelineFromPostMs)}`,
    `  newest counted event time → webhook received            ${fmt(a.evidenceAgeMs)}`,
    `  evidence acknowledged → firing evaluation wrote alert    ${fmt(a.ackToEvaluationMs)}`,
    `  firing evaluation → webhook received                     ${fmt(a.evaluationToReceiptMs)}`,
    `load client (its own process): ${r.client.cpuCores} cores, event-loop delay p99/max ${r.client.loopDelayMs.p99} / ${r.client.loopDelayMs.max} ms${r.client.errors.length ? `; errors: ${r.client.errors.join('; ')}` : ''}`);
  return lines.join('\n');
}
