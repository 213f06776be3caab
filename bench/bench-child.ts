import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a benchmark child process does (bench/child-main.ts): the event load + webhook receiver, SSE clients, or open-loop GETs. */
export type ChildRole = 'load' | 'sse' | 'get';

/** A child process of a benchmark, spoken to over its IPC channel with `{ type, … }` messages. */
export interface BenchChild {
  send<T extends { type: string }>(message: T): void;
  /** The next message of `type`; rejects if the child exits first. */
  next<T extends { type: string }>(type: T['type']): Promise<T>;
  /** Messages of `type` as they come (e.g. progress). */
  on<T extends { type: string }>(type: T['type'], listener: (message: T) => void): void;
  /** Closes the channel and resolves when the child has exited; kills it if it has not within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  readonly pid: number | undefined;
}

/**
 * Starts `bench/child-main` in its own process, so clients never share the server's event loop: the
 * built JavaScript next to this file (how `reelpath bench` runs, from dist/), or, when the benchmark runs
 * from the TypeScript sources (the smoke test under vitest), the sources through vite-node.
 */
export function spawnBenchChild(role: ChildRole): BenchChild {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSources ? './child-main.ts' : './child-main.js', import.meta.url));
  const args = fromSources ? [fileURLToPath(new URL('../node_modules/vite-node/vite-node.mjs', import.meta.url)), entry, '--', role] : [entry, role];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const listeners = new Map<string, Set<(m: { type: string }) => void>>();
  let exitError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0) exitError = new Error(`bench ${role} client exited with ${code ?? signal}`);
      for (const l of listeners.get('__exit') ?? []) l({ type: '__exit' });
      resolve();
    });
  });
  child.on('message', (m: { type: string }) => { for (const l of listeners.get(m.type) ?? []) l(m); });
  const on = <T extends { type: string }>(type: string, listener: (message: T) => void): void => {
    let set = listeners.get(type);
    if (!set) { set = new Set(); listeners.set(type, set); }
    set.add(listener as (m: { type: string }) => void);
  };
  return {
    pid: child.pid,
    send: (message) => { if (child.connected) child.send(message); },
    on,
    next<T extends { type: string }>(type: string): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (exitError || child.exitCode !== null) { reject(exitError ?? new Error(`bench ${role} client has exited`)); return; }
        const once = (m: { type: string }): void => {
          listeners.get(type)?.delete(once);
          listeners.get('__exit')?.delete(once);
          if (m.type === '__exit') reject(exitError ?? new Error(`bench ${role} client exited before sending ${type}`));
          else resolve(m as T);
        };
        on(type, once);
        on('__exit', once);
      });
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        // A child exits when its channel closes (child-main.ts); a stuck one is killed after the grace.
        if (child.connected) child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
