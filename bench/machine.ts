import { cpus, totalmem, loadavg } from 'node:os';

/** The machine a benchmark ran on, recorded with every result. */
export function describeMachine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, platform: `${process.platform}-${process.arch}`, loadAvg1m: Number(loadavg()[0]?.toFixed(2)),
    date: new Date().toISOString(),
  };
}

/** Samples resident memory every `everyMs` until stopped; returns the peak in MB. */
export function sampleRss(everyMs = 100): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, everyMs);
  timer.unref();
  return { stop: () => { clearInterval(timer); peak = Math.max(peak, process.memoryUsage().rss); return Math.round(peak / 2 ** 20); } };
}

/** The q-quantile (0..1) of numbers, nearest-rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}
