import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (the command must have run with --json). */
  json<T = ReturnType<typeof JSON.parse>>(): T;
}

/**
 * Runs `reelpath <args>` in-process through `runCli`, capturing stdout and stderr. `env` entries are
 * set on `process.env` for the run only (`undefined` removes a variable) and restored afterwards.
 */
export async function runReelpath(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<CliRun> {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: unknown, ...rest: unknown[]): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  };
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(capture(out) as typeof process.stdout.write);
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(capture(err) as typeof process.stderr.write);
  let code: number;
  try {
    code = await runCli(['node', 'reelpath', ...args]);
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const stdout = out.join('');
  const stderr = err.join('');
  return {
    code, stdout, stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch (e) {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`, { cause: e });
      }
    },
  };
}

/** A fresh temp folder for one test's `--data`; remove it with `removeDataDir`. */
export function makeDataDir(prefix = 'rp-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a folder made by `makeDataDir`. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
