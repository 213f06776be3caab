import { createServer, request, Agent, type IncomingMessage } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SIGNATURE_HEADERS, verifyBody } from '../src/modules/notifications/index.js';
import { MINUTE_MS, RoomStream, type Room, type RoomEvent } from './live-rooms.js';

/**
 * The load client of the live-monitoring benchmarks, run in a child process (bench/child-main.ts): one
 * lane per room POSTs the room's events to `/v1/events` as their time comes (every `sliceMs`, everything
 * due, at most `maxBatch` a request, one request in flight per room, so a room's batches are counted in
 * order), and a webhook receiver on loopback verifies and timestamps every alert webhook.
 */

export interface LoadRoom extends Room {
  readonly writeKey: string;
  /** The webhook endpoint's signing secret (null: no endpoint registered). */
  readonly secret: string | null;
}

export interface LoadPlan {
  readonly port: number;
  readonly rooms: readonly LoadRoom[];
  /** Wall time of the session's minute 0 (a calendar minute); nothing is sent before it. */
  readonly startAt: number;
  /** Events at or after this time are not sent. */
  readonly endAt: number;
  readonly sliceMs: number;
  readonly maxBatch: number;
}

/** One POST /v1/events. Times are wall-clock epoch ms (shared by every process on the machine). */
export interface BatchRecord {
  readonly room: number;
  readonly events: number;
  readonly accepted: number;
  /** HTTP status; 0 when the request failed without an answer. */
  readonly status: number;
  /** Event time of the batch's newest event. */
  readonly maxTs: number;
  readonly sentAt: number;
  /** When the answer was read. */
  readonly ackAt: number;
  /** sentAt − event time of the batch's oldest event: how far behind its schedule the lane was. */
  readonly lagMs: number;
  /** Round trip, high resolution. */
  readonly latencyMs: number;
}

/** One webhook the receiver got. */
export interface HookRecord {
  readonly room: number;
  readonly receivedAt: number;
  /** The signature checked out against the endpoint's secret (verifyBody). */
  readonly verified: boolean;
  readonly kind: string;
  readonly alertId: string;
  readonly scope: string;
  readonly ruleId: string;
  readonly diagnosis: string | null;
  /** The firing evaluation's watermark (for `for` = 0). */
  readonly firingSince: number | null;
  /** Server clock when the alert record was written (the firing evaluation). */
  readonly updatedAt: number | null;
  /** The leading rule's observed value and baseline at the firing evaluation. */
  readonly value: number | null;
  readonly baseline: number | null;
}

export interface LoadResult {
  readonly batches: BatchRecord[];
  readonly hooks: HookRecord[];
  /** Events generated with a time before `endAt` (what the schedule offered). */
  readonly offered: number;
  /** The same by second of event time from `startAt` (index 0 = the first second). */
  readonly offeredBySecond: number[];
  /** This process's event-loop delay: how late its own timestamps can be. */
  readonly clientLoopDelayMs: { readonly p99: number; readonly max: number };
  /** CPU this process used while sending (all threads), in cores: what it took from the server's machine. */
  readonly clientCpuCores: number;
  readonly errors: string[];
}

export type LoadMessage =
  | { type: 'ready'; receiverPort: number }
  | { type: 'progress'; accepted: number }
  | { type: 'sent' }
  | { type: 'result'; result: LoadResult };
export type LoadCommand = { type: 'start'; plan: LoadPlan } | { type: 'finish' };

const send = (m: LoadMessage): void => { process.send?.(m); };

function nextCommand<T extends LoadCommand>(type: T['type']): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: LoadCommand): void => { if (m.type === type) { process.off('message', on); resolve(m as T); } };
    process.on('message', on);
  });
}

/** The child's main: receiver up → `ready`; `start` → send the load until `endAt` → `sent`; `finish` → `result`. */
export async function runLoadChild(): Promise<void> {
  const hooks: HookRecord[] = [];
  let rooms: readonly LoadRoom[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = Date.now();
      hooks.push(readHook(req, Buffer.concat(chunks).toString('utf8'), receivedAt, rooms));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const started = nextCommand<{ type: 'start'; plan: LoadPlan }>('start');
  send({ type: 'ready', receiverPort: (receiver.address() as { port: number }).port });
  const { plan } = await started;
  rooms = plan.rooms;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const finished = nextCommand('finish');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const load = await sendLoad(plan);
  const cpu = process.cpuUsage(cpu0);
  const clientCpuCores = Math.round(((cpu.user + cpu.system) / 1e6 / ((performance.now() - t0) / 1000)) * 100) / 100;
  delay.disable();
  send({ type: 'sent' });
  await finished;
  await new Promise<void>((r) => receiver.close(() => r()));
  const result: LoadResult = { ...load, hooks, clientCpuCores, clientLoopDelayMs: { p99: Math.round(delay.percentile(99) / 1e6), max: Math.round(delay.max / 1e6) } };
  // A large message is still being written when send() returns: disconnect once it is out.
  process.send?.({ type: 'result', result } satisfies LoadMessage, () => process.disconnect());
}

function readHook(req: IncomingMessage, body: string, receivedAt: number, rooms: readonly LoadRoom[]): HookRecord {
  const room = Number(/\/hook\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1);
  const secret = rooms[room]?.secret;
  const header = (name: string): string | undefined => { const v = req.headers[name]; return Array.isArray(v) ? v[0] : v; };
  const headers = { [SIGNATURE_HEADERS.timestamp]: header(SIGNATURE_HEADERS.timestamp), [SIGNATURE_HEADERS.signature]: header(SIGNATURE_HEADERS.signature) };
  const verified = secret ? verifyBody(secret, headers, body, receivedAt).ok : false;
  const parsed = JSON.parse(body) as { kind: string; data: { id?: string; scope?: string; ruleId?: string; diagnosis?: { kind: string } | null; firingSince?: number | null; updatedAt?: number; value?: number | null; baseline?: number | null } };
  const a = parsed.data;
  return {
    room, receivedAt, verified, kind: parsed.kind, alertId: a.id ?? '', scope: a.scope ?? '', ruleId: a.ruleId ?? '',
    diagnosis: a.diagnosis?.kind ?? null, firingSince: a.firingSince ?? null, updatedAt: a.updatedAt ?? null,
    value: a.value ?? null, baseline: a.baseline ?? null,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Events of a 50 ms slice of a room's stream, serialised ahead (comma-joined JSON objects). */
interface Chunk { readonly json: string; readonly n: number; readonly minTs: number; readonly maxTs: number }
const CHUNK_MS = 50;
const PARTS = 8;

/**
 * A room's stream as serialised chunks, one session minute at a time. Journeys that end in the next
 * minute are held back and merged into it, so the chunks of consecutive minutes stay in time order.
 * Making a minute yields to the event loop often (a minute of a busy room is ~60,000 events), so the
 * lanes and the receiver keep their timestamps honest.
 */
class RoomFeed {
  private readonly stream: RoomStream;
  private spill: RoomEvent[] = [];

  constructor(room: Room, private readonly startAt: number, private readonly endAt: number) {
    this.stream = new RoomStream(room);
  }

  async minute(index: number): Promise<Chunk[]> {
    const start = this.startAt + index * MINUTE_MS;
    let all = this.spill;
    for (const part of this.stream.minuteParts(index, start, PARTS)) { all = all.concat(part); await yieldToLoop(); }
    all.sort((a, b) => a.ts - b.ts);
    await yieldToLoop();
    let cut = all.length;
    while (cut > 0 && (all[cut - 1] as RoomEvent).ts >= start + MINUTE_MS) cut--;
    this.spill = all.slice(cut);
    const chunks: Chunk[] = [];
    let i = 0;
    while (i < cut && (all[i] as RoomEvent).ts < this.startAt) i++;
    let sinceYield = 0;
    while (i < cut && (all[i] as RoomEvent).ts < this.endAt) {
      const slot = Math.floor((all[i] as RoomEvent).ts / CHUNK_MS);
      let j = i;
      while (j < cut && Math.floor((all[j] as RoomEvent).ts / CHUNK_MS) === slot && (all[j] as RoomEvent).ts < this.endAt) j++;
      const slice = all.slice(i, j);
      chunks.push({ json: slice.map((e) => JSON.stringify(e)).join(','), n: slice.length, minTs: (slice[0] as RoomEvent).ts, maxTs: (slice[slice.length - 1] as RoomEvent).ts });
      sinceYield += slice.length;
      if (sinceYield >= 2_000) { sinceYield = 0; await yieldToLoop(); }
      i = j;
    }
    return chunks;
  }
}

/** Sends every room's events in real time from `startAt` to `endAt`; answers the batches and what was offered. */
async function sendLoad(plan: LoadPlan): Promise<Omit<LoadResult, 'hooks' | 'clientLoopDelayMs' | 'clientCpuCores'>> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.rooms.length });
  const batches: BatchRecord[] = [];
  const errors: string[] = [];
  let accepted = 0;
  let offered = 0;
  const offeredBySecond = new Array<number>(Math.ceil((plan.endAt - plan.startAt) / 1000)).fill(0);
  const progress = setInterval(() => send({ type: 'progress', accepted }), 2_000);

  const post = (room: LoadRoom, body: string): Promise<{ status: number; accepted: number }> => new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port: plan.port, path: '/v1/events', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${room.writeKey}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) { if (errors.length < 10) errors.push(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`); resolve({ status: res.statusCode ?? 0, accepted: 0 }); return; }
        resolve({ status: 200, accepted: (JSON.parse(text) as { accepted: number }).accepted });
      });
    });
    req.on('error', (err) => { if (errors.length < 10) errors.push(err.message); resolve({ status: 0, accepted: 0 }); });
    req.end(body);
  });

  const lanes = plan.rooms.map((room) => ({ room, feed: new RoomFeed(room, plan.startAt, plan.endAt), queue: [] as Chunk[], pos: 0, prepared: -1 }));
  type Lane = (typeof lanes)[number];
  const prepareNext = async (lane: Lane): Promise<void> => {
    const next = await lane.feed.minute(lane.prepared + 1);
    lane.prepared++;
    for (const c of next) {
      offered += c.n;
      const second = Math.floor((c.minTs - plan.startAt) / 1000);
      offeredBySecond[second] = (offeredBySecond[second] ?? 0) + c.n;
    }
    lane.queue = lane.queue.slice(lane.pos).concat(next);
    lane.pos = 0;
  };
  // Before the start: the minute before it (journeys begun then still end in minute 0, so the funnel
  // has no ramp-up: the room is already live when the benchmark joins it) and minute 0.
  for (const lane of lanes) {
    lane.prepared = -2;
    await prepareNext(lane);
    await prepareNext(lane);
  }

  const run = async (i: number, lane: Lane): Promise<void> => {
    // Rooms make their next minute at staggered seconds of the current one, so their pauses do not line up.
    const offset = 5_000 + Math.floor((i * 45_000) / lanes.length);
    let preparing: Promise<void> | undefined;
    await sleep(plan.startAt - Date.now());
    for (;;) {
      const now = Date.now();
      const minute = Math.floor((now - plan.startAt) / MINUTE_MS);
      if (!preparing && lane.prepared <= minute && now >= plan.startAt + minute * MINUTE_MS + offset && plan.startAt + (lane.prepared + 1) * MINUTE_MS < plan.endAt) {
        preparing = prepareNext(lane).finally(() => { preparing = undefined; });
      }
      let j = lane.pos;
      let n = 0;
      while (j < lane.queue.length && (lane.queue[j] as Chunk).maxTs <= now && n + (lane.queue[j] as Chunk).n <= plan.maxBatch) n += (lane.queue[j++] as Chunk).n;
      if (j === lane.pos) {
        if (now >= plan.endAt && !preparing) return;
        await sleep(plan.sliceMs - (Date.now() - now));
        continue;
      }
      const batch = lane.queue.slice(lane.pos, j);
      lane.pos = j;
      const sentAt = Date.now();
      const t0 = performance.now();
      const answer = await post(lane.room, `[${batch.map((c) => c.json).join(',')}]`);
      const latencyMs = performance.now() - t0;
      accepted += answer.accepted;
      batches.push({
        room: i, events: n, accepted: answer.accepted, status: answer.status, maxTs: (batch[batch.length - 1] as Chunk).maxTs,
        sentAt, ackAt: Date.now(), lagMs: sentAt - (batch[0] as Chunk).minTs, latencyMs: Math.round(latencyMs * 10) / 10,
      });
      // Caught up: wait for the next slice. Behind (more was due than a batch holds): send again at once.
      const more = lane.pos < lane.queue.length && (lane.queue[lane.pos] as Chunk).maxTs <= Date.now();
      if (!more) await sleep(plan.sliceMs - (Date.now() - sentAt));
    }
  };
  await Promise.all(lanes.map((lane, i) => run(i, lane)));
  clearInterval(progress);
  agent.destroy();
  send({ type: 'progress', accepted });
  return { batches, offered, offeredBySecond, errors };
}
