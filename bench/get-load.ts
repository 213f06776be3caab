import { Agent, request } from 'node:http';

/**
 * An open-loop GET load generator, run in a child process (bench/child-main.ts, role `get`): requests
 * leave on schedule at `rate` per second whatever the answers, so a slow server shows as latency, not as
 * a lower rate (no coordinated omission). Each request's latency is measured from its scheduled time.
 */
export interface GetLoadCommand {
  readonly type: 'run';
  readonly port: number;
  readonly key: string;
  /** Paths cycled through in order. */
  readonly paths: readonly string[];
  readonly rate: number;
  readonly seconds: number;
}

export interface GetLoadResult {
  readonly type: 'done';
  readonly sent: number;
  /** Latency (ms) of every answered request, from its scheduled send time. */
  readonly latenciesMs: number[];
  /** Answers by HTTP status; 0 = failed without an answer. */
  readonly statuses: Record<string, number>;
}

/** Runs one load (as the child: waits for the `run` command, answers `done`). */
export async function runGetLoadChild(): Promise<void> {
  const cmd = await new Promise<GetLoadCommand>((resolve) => { process.on('message', (m: GetLoadCommand) => { if (m.type === 'run') resolve(m); }); });
  process.send?.(await runGetLoad(cmd));
}

/** Sends `rate × seconds` GETs on schedule and collects their latencies. */
export function runGetLoad(cmd: GetLoadCommand): Promise<GetLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(cmd.rate * cmd.seconds);
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const intervalMs = 1000 / cmd.rate;
  const t0 = performance.now();
  let sent = 0;
  let answered = 0;
  return new Promise((resolve) => {
    const finish = (): void => { if (answered === total) { agent.destroy(); resolve({ type: 'done', sent, latenciesMs, statuses }); } };
    const fire = (scheduledAt: number, path: string): void => {
      const req = request({ host: '127.0.0.1', port: cmd.port, path, agent, headers: { authorization: `Bearer ${cmd.key}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          latenciesMs.push(performance.now() - scheduledAt);
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          answered++;
          finish();
        });
      });
      req.on('error', () => { statuses['0'] = (statuses['0'] ?? 0) + 1; answered++; finish(); });
      req.end();
    };
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && t0 + sent * intervalMs <= now) {
        fire(t0 + sent * intervalMs, cmd.paths[sent % cmd.paths.length] as string);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}
