import type { Command } from 'commander';
import { AppError } from '../../shared/errors/index.js';
import { parseDuration } from '../../shared/time.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { renderPaths } from '../paths-table.js';
import { listFlag, parseTimeFlag } from '../flag-parsers.js';

interface PathsOptions extends GlobalOptions {
  tenant: string; start?: string; end?: string; depth: string; top: string; collapse: boolean;
  window?: string; session?: boolean; events?: string; from?: string; to?: string;
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new AppError('paths_invalid_limit', `--${name} ${value} is not a whole number`);
  return Number(value);
}

/** `reelpath paths`: top user paths after a start event or before an end event, as a table or JSON. */
export function registerPathsCommand(program: Command): void {
  program.command('paths')
    .description('Top user paths after / before an event, exact person counts / 用户路径（按人精确计数）')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--start <event>', 'paths after the first occurrence of this event (give --start or --end)')
    .option('--end <event>', 'paths before the first occurrence of this event')
    .option('--depth <n>', 'steps per path, the anchor included (1-20)', '5')
    .option('--top <n>', 'complete paths listed; prefixes kept per Sankey depth (1-100)', '10')
    .option('--no-collapse', 'keep consecutive repeats of an event as separate steps')
    .option('--window <duration>', 'only events within this duration of the anchor, e.g. 30m, 24h')
    .option('--session', 'only events of the anchor\'s session')
    .option('--events <names>', 'comma-separated event names a path may contain (default: the eight funnel nodes)')
    .option('--from <time>', 'events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'events before (epoch ms or ISO-8601)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<PathsOptions>();
      let windowMs: number | undefined;
      if (opts.window !== undefined) {
        windowMs = parseDuration(opts.window);
        if (windowMs === undefined) throw new AppError('paths_invalid_window', `window ${opts.window} is not a duration like 30m, 24h or 7d`);
      }
      const request = {
        tenant: opts.tenant, start: opts.start, end: opts.end, depth: wholeNumber('depth', opts.depth), top: wholeNumber('top', opts.top),
        collapse: opts.collapse, windowMs, session: opts.session ?? false,
        events: listFlag(opts.events),
        from: parseTimeFlag(opts.from), to: parseTimeFlag(opts.to),
      };
      await withTenantApp(opts, async (app) => {
        const result = await app.paths.paths(request);
        emit(opts, result, () => renderPaths(result, app.config.lang));
      });
    });
}
