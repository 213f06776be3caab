import type { Command } from 'commander';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { renderPathLength } from '../paths-table.js';
import { parseTimeFlag } from '../flag-parsers.js';

interface LengthOptions extends GlobalOptions { tenant: string; end: string; from?: string; to?: string; compareFrom?: string; compareTo?: string }

/** `reelpath path-length`: steps buyers take from first touch to payment, optionally against a baseline range. */
export function registerPathLengthCommand(program: Command): void {
  program.command('path-length')
    .description('Steps from first touch to payment, compared between two ranges / 购买路径步数')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--end <event>', 'purchase event', 'pay')
    .option('--from <time>', 'current range: events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'current range: events before')
    .option('--compare-from <time>', 'baseline range start (give with --compare-to)')
    .option('--compare-to <time>', 'baseline range end')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<LengthOptions>();
      const request = {
        tenant: opts.tenant, end: opts.end, from: parseTimeFlag(opts.from), to: parseTimeFlag(opts.to),
        compareFrom: parseTimeFlag(opts.compareFrom), compareTo: parseTimeFlag(opts.compareTo),
      };
      await withTenantApp(opts, async (app) => {
        const result = await app.paths.pathLength(request);
        emit(opts, result, () => renderPathLength(result, app.config.lang));
      });
    });
}
