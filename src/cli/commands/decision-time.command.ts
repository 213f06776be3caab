import type { Command } from 'commander';
import type { DecisionDimension } from '../../modules/paths/index.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { renderDecisionTime } from '../paths-table.js';
import { parseTimeFlag } from '../flag-parsers.js';

interface DecisionOptions extends GlobalOptions { tenant: string; start: string; end: string; by?: string; from?: string; to?: string }

/** `reelpath decision-time`: time from the first start event to the next end event per person. */
export function registerDecisionTimeCommand(program: Command): void {
  program.command('decision-time')
    .description('Decision time from a start to an end event: p50, p90, mean, histogram / 决策时长')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--start <event>', 'start event', 'product_click')
    .option('--end <event>', 'end event', 'pay')
    .option('--by <dimension>', 'platform, creatorId, videoId, liveId, productId, categoryId or priceBand (of the start event)')
    .option('--from <time>', 'events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'events before (epoch ms or ISO-8601)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<DecisionOptions>();
      const request = {
        tenant: opts.tenant, start: opts.start, end: opts.end, by: opts.by as DecisionDimension | undefined,
        from: parseTimeFlag(opts.from), to: parseTimeFlag(opts.to),
      };
      await withTenantApp(opts, async (app) => {
        const result = await app.paths.decisionTime(request);
        emit(opts, result, () => renderDecisionTime(result, app.config.lang));
      });
    });
}
