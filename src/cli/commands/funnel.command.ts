import type { Command } from 'commander';
import { createApp } from '../../app/app.js';
import { AppError } from '../../shared/errors/index.js';
import { parseDuration, parseTimestamp } from '../../shared/time.js';
import { FUNNEL_NODES } from '../../modules/events/index.js';
import type { FunnelDimension } from '../../modules/funnels/index.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { renderFunnel } from '../funnel-table.js';

interface FunnelOptions extends GlobalOptions { tenant: string; steps?: string; window: string; by?: string; from?: string; to?: string }

function timeFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(/^\d+$/.test(value) ? Number(value) : value);
  if (ms === undefined) throw new AppError('cli_usage', `time ${value} is neither epoch ms nor ISO-8601`);
  return ms;
}

/** `reelpath funnel`: an ordered window funnel over persons, as a table or JSON. */
export function registerFunnelCommand(program: Command): void {
  program.command('funnel')
    .description('Ordered window funnel over persons / 按人计算有序窗口漏斗')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--steps <names>', `comma-separated event names (default: ${FUNNEL_NODES.join(',')})`)
    .option('--window <duration>', 'window from the first step, e.g. 30m, 24h, 7d', '24h')
    .option('--by <dimension>', 'platform, creatorId, videoId, liveId, productId, categoryId or priceBand')
    .option('--from <time>', 'events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'events before (epoch ms or ISO-8601)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<FunnelOptions>();
      const windowMs = parseDuration(opts.window);
      if (windowMs === undefined) throw new AppError('funnels_invalid_window', `window ${opts.window} is not a duration like 30m, 24h or 7d`);
      const app = await createApp(configFromFlags(opts));
      try {
        await app.tenants.getTenant(opts.tenant);
        const result = await app.funnels.run({
          tenant: opts.tenant, steps: opts.steps ? opts.steps.split(',').map((s) => s.trim()) : [...FUNNEL_NODES], windowMs,
          by: opts.by as FunnelDimension | undefined, from: timeFlag(opts.from), to: timeFlag(opts.to),
        });
        emit(opts, result, () => renderFunnel(result, app.config.lang));
      } finally {
        await app.close();
      }
    });
}
