import type { ServerResponse } from 'node:http';
import type { App } from '../app/app.js';
import type { AlertView } from '../modules/alerts/index.js';
import { floorMinute, MINUTE_MS } from '../modules/monitor/index.js';

/** The live board's server-sent events: one channel per (tenant, scope), fanned out to its clients. */
interface Channel { readonly tenant: string; readonly scope: string; readonly clients: Set<ServerResponse>; last: string }

/** A client whose socket holds more than this unsent is too slow for a live board and is dropped. */
const MAX_BUFFERED = 1 << 20;

export interface LiveHubOptions { readonly everyMs?: number; readonly pingMs?: number }

/**
 * Pushes the live per-minute funnel and alert changes to live-board clients over server-sent events.
 * Each second the latest two minutes of every watched (tenant, scope) are read once from memory and,
 * when they changed, written to all of that channel's clients as one pre-serialised frame; alert changes
 * go to every channel of the tenant as they happen. A comment line every 15 s keeps proxies from
 * closing idle streams. `close()` ends every stream (graceful shutdown).
 */
export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private readonly timer: NodeJS.Timeout;
  private readonly pinger: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly app: App, options: LiveHubOptions = {}) {
    this.timer = setInterval(() => this.pushMinutes(), options.everyMs ?? 1_000);
    this.pinger = setInterval(() => this.broadcast(() => true, ': ping\n\n'), options.pingMs ?? 15_000);
    this.timer.unref();
    this.pinger.unref();
    this.unsubscribe = app.alerts.onChange((change) => {
      this.broadcast((c) => c.tenant === change.tenant, frame('alert', change.alert));
    });
  }

  /** Clients connected now. */
  get size(): number {
    let n = 0;
    for (const c of this.channels.values()) n += c.clients.size;
    return n;
  }

  /** Starts a stream on `res` (headers written here) with a snapshot of the last `minutes` minutes and the given alerts. */
  open(tenant: string, scope: string, minutes: number, alerts: readonly AlertView[], res: ServerResponse): void {
    const now = this.app.clock.now();
    const to = floorMinute(now);
    const points = this.app.monitor.series(tenant, scope, to - (minutes - 1) * MINUTE_MS, to);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(frame('snapshot', { scope, now, scopes: this.app.monitor.scopes(tenant), points, alerts }));
    const key = `${tenant}\u0000${scope}`;
    let channel = this.channels.get(key);
    if (!channel) { channel = { tenant, scope, clients: new Set(), last: '' }; this.channels.set(key, channel); }
    channel.clients.add(res);
    const leave = (): void => {
      const c = this.channels.get(key);
      if (!c) return;
      c.clients.delete(res);
      if (c.clients.size === 0) this.channels.delete(key);
    };
    res.on('close', leave);
  }

  /** Ends every stream and stops the timers. */
  close(): void {
    clearInterval(this.timer);
    clearInterval(this.pinger);
    this.unsubscribe();
    for (const c of this.channels.values()) for (const res of c.clients) res.end();
    this.channels.clear();
  }

  private pushMinutes(): void {
    const now = this.app.clock.now();
    const to = floorMinute(now);
    for (const c of this.channels.values()) {
      // The previous minute too: late events still correct it.
      const points = this.app.monitor.series(c.tenant, c.scope, to - MINUTE_MS, to);
      const body = JSON.stringify(points);
      if (body === c.last) continue;
      c.last = body;
      this.write(c, `event: minute\ndata: {"scope":${JSON.stringify(c.scope)},"now":${now},"points":${body}}\n\n`);
    }
  }

  private broadcast(match: (c: Channel) => boolean, text: string): void {
    for (const c of this.channels.values()) if (match(c)) this.write(c, text);
  }

  private write(c: Channel, text: string): void {
    for (const res of c.clients) {
      if (res.writableLength > MAX_BUFFERED) { res.destroy(); continue; }
      res.write(text);
    }
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
