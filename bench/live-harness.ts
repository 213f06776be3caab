import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../src/app/app.js';
import { buildServer } from '../src/api/server.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { impressionsForRate, MINUTE_MS, seedRoomHistory, type Room, type RoomFault } from './live-rooms.js';
import { quantile } from './machine.js';

/**
 * The server side of the live-monitoring benchmarks: the real app and HTTP server (embedded stores in a
 * temp folder) on loopback, the background work `reelpath serve` runs (src/cli/serve-loop.ts), rooms with
 * their tenants, keys and history, and per-phase CPU and event-loop meters.
 */

export interface LiveServer {
  readonly app: App;
  readonly server: FastifyInstance;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the app with embedded stores in a temp folder and listens on 127.0.0.1 (any port); `env` adds config. */
export async function startLiveServer(env: Record<string, string>): Promise<LiveServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-live-'));
  const config = loadConfig({ env: { REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'silent', REELPATH_ADMIN_TOKEN: 'bench-admin-token', ...env } });
  const app = await createApp(config, { logger: createLogger('silent') });
  const server = await buildServer(app);
  await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    app, server, port: (server.server.address() as { port: number }).port,
    async close() {
      await server.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loop started alongside the server; `stop` waits for a round in progress. */
export interface Loop { stop(): Promise<void> }

/**
 * The alert evaluation loop exactly as `reelpath serve` runs it: `app.watcher.tick()`, then the next one
 * `alerts.evaluateEveryMs` after it settled. Each tick's duration (ms) is pushed to `durations`.
 */
export function startWatchLoop(app: App, durations: number[]): Loop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const arm = (): void => {
    timer = setTimeout(() => {
      const t0 = performance.now();
      running = app.watcher.tick().then(() => { durations.push(performance.now() - t0); }, (err: unknown) => app.logger.warn({ err }, 'alert evaluation failed'))
        .then(() => { if (!stopped) arm(); });
    }, app.config.alerts.evaluateEveryMs);
  };
  arm();
  return { async stop() { stopped = true; clearTimeout(timer); await running; } };
}

/** `reelpath serve`'s other background round, every 5 s: webhook retries that fell due, then the monitor's flush. */
export function startBackgroundRound(app: App): Loop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const arm = (): void => {
    timer = setTimeout(() => {
      running = (async () => {
        await app.notifications.runDue().catch((err: unknown) => app.logger.warn({ err }, 'webhook retries failed'));
        await app.monitor.flush().catch((err: unknown) => app.logger.warn({ err }, 'monitor flush failed'));
      })().then(() => { if (!stopped) arm(); });
    }, 5_000);
  };
  arm();
  return { async stop() { stopped = true; clearTimeout(timer); await running; } };
}

/** A room with the keys the load client and the receiver need. */
export interface KeyedRoom extends Room { readonly writeKey: string; readonly secretKey: string; secret: string | null }

/** Creates one tenant per room, `eventsPerSec[i]` events/s each, with its API keys; no fault yet. */
export async function createRooms(app: App, eventsPerSec: readonly number[]): Promise<KeyedRoom[]> {
  const rooms: KeyedRoom[] = [];
  for (const [i, rate] of eventsPerSec.entries()) {
    const { tenant, writeKey, secretKey } = await app.tenants.createTenant(`bench-room-${i}`);
    rooms.push({
      tenant: tenant.id, liveId: `bench-live-${i}`, creatorId: `bench-creator-${i}`, impressionsPerMinute: impressionsForRate(rate),
      seed: 1_000 + i, fault: null, writeKey, secretKey, secret: null,
    });
  }
  return rooms;
}

/**
 * Writes each room's earlier sessions as its baseline (see `seedRoomHistory`), then picks the session's
 * start: the first calendar minute at least 2 s after the seeding will have ended, estimated from the
 * first room, so little time is spent waiting for the minute. The live session needs at least 10
 * seasonal samples a minute: 3 sessions give 12 from minute 1 on, 4 give 12 at minute 0 too.
 * `startNow` starts within a second instead (smoke tests: minute 0 is then partial and reads as a drop).
 */
export async function seedRooms(app: App, rooms: readonly KeyedRoom[], liveMinutes: number, fromMinute0: boolean, startNow = false): Promise<number> {
  // Earlier sessions start on a minute, as the live session will: a session's minute 0 is a calendar minute.
  const base = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  // Minutes the baseline of the session's last minute reads (± 2), plus the closing minute of a seeded session.
  const minutes = liveMinutes + 3;
  const sessions = fromMinute0 ? 4 : 3;
  let startAt = 0;
  for (const [i, room] of rooms.entries()) {
    const t0 = Date.now();
    await seedRoomHistory(app.monitor, room, base, minutes, sessions);
    if (i === 0) {
      const rest = rooms.slice(1).reduce((n, r) => n + r.impressionsPerMinute, 0) / room.impressionsPerMinute;
      startAt = nextMinute((Date.now() - t0) * rest * 1.1 + 2_000);
    }
  }
  if (startNow) return Math.ceil((Date.now() + 1_000) / 1_000) * 1_000;
  return Date.now() + 2_000 > startAt ? nextMinute(2_000) : startAt;
}

/** Registers a webhook endpoint for the room's tenant through `POST /v1/alerts/endpoints`; sets `room.secret`. */
export async function registerEndpoint(port: number, room: KeyedRoom, url: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/alerts/endpoints`, {
    method: 'POST', headers: { authorization: `Bearer ${room.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ url }),
  });
  if (res.status !== 201) throw new Error(`registering a webhook endpoint answered ${res.status}: ${await res.text()}`);
  room.secret = ((await res.json()) as { secret: string }).secret;
}

/** The room with a fault set. */
export const withFault = (room: KeyedRoom, fault: RoomFault | null): KeyedRoom => ({ ...room, fault });

/** The next calendar minute at least `leadMs` from now (epoch ms). */
export const nextMinute = (leadMs: number): number => Math.ceil((Date.now() + leadMs) / MINUTE_MS) * MINUTE_MS;

/** Resolves at wall time `at` (epoch ms). */
export const sleepUntil = (at: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** CPU (all threads, in cores) and event-loop utilisation of this process over a phase. */
export function phaseMeter(): { end(): { cpuCores: number; eventLoopUtilisation: number; seconds: number } } {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  return {
    end() {
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      return {
        cpuCores: round((cpu.user + cpu.system) / 1e6 / seconds, 2),
        eventLoopUtilisation: round(performance.eventLoopUtilization(elu0).utilization, 2),
        seconds: round(seconds, 1),
      };
    },
  };
}

/** p50 / p99 / max of a list (nearest rank), rounded; nulls when empty. */
export function summarise(values: readonly number[], digits = 0): { n: number; p50: number | null; p99: number | null; max: number | null } {
  if (values.length === 0) return { n: 0, p50: null, p99: null, max: null };
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return { n: values.length, p50: round(quantile([...values], 0.5), digits), p99: round(quantile([...values], 0.99), digits), max: round(max, digits) };
}

export const round = (x: number, digits = 0): number => Number(x.toFixed(digits));
