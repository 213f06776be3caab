import type { Command } from 'commander';
import { AppError } from '../../shared/errors/index.js';
import { parseDuration } from '../../shared/time.js';
import { FUNNEL_NODES } from '../../modules/events/index.js';
import { parseExclusions, type FunnelCount, type FunnelDimension, type FunnelMode, type FunnelStep, type WindowFrom } from '../../modules/funnels/index.js';
import { readFileSync } from 'node:fs';
import { listFlag, numberFlag, parseTimeFlag } from '../flag-parsers.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { renderFunnel } from '../funnel-table.js';

interface FunnelOptions extends GlobalOptions {
  tenant: string; steps?: string; window: string; by?: string; from?: string; to?: string;
  mode?: string; windowFrom?: string; count?: string; value?: boolean; nextEvents?: string; exclude?: string; spec?: string;
}

/** Steps from a JSON spec file (`{"steps": [...]}` with property filters and gaps), else from --steps. */
function stepsFlag(opts: FunnelOptions): (string | FunnelStep)[] {
  if (opts.spec) {
    const spec = JSON.parse(readFileSync(opts.spec, 'utf8')) as { steps?: (string | FunnelStep)[] };
    if (!Array.isArray(spec.steps)) throw new AppError('cli_usage', `${opts.spec} has no "steps" array`);
    return spec.steps;
  }
  return listFlag(opts.steps) ?? [...FUNNEL_NODES];
}


/** `reelpath funnel`: an ordered window funnel over persons, as a table or JSON. */
export function registerFunnelCommand(program: Command): void {
  program.command('funnel')
    .description('Ordered window funnel over persons / 按人计算有序窗口漏斗')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--steps <names>', `comma-separated event names (default: ${FUNNEL_NODES.join(',')})`)
    .option('--window <duration>', 'window from the first step, e.g. 30m, 24h, 7d', '24h')
    .option('--by <dimensions>', 'comma-separated: platform, creatorId, videoId, liveId, productId, categoryId, priceBand, variantId, segment')
    .option('--mode <mode>', 'default, strict_order, strict_increase or any_order')
    .option('--window-from <from>', 'first_step (default) or previous_step')
    .option('--count <what>', 'persons (default), sessions or conversions')
    .option('--value', 'conversion value: GMV of the last step net of refunds')
    .option('--next-events <n>', 'most common next events listed for drop-offs (default 3)')
    .option('--exclude <steps>', 'exclusion events: event or event:from-to (1-based), comma-separated')
    .option('--spec <file>', 'JSON file {"steps": [...]} with property filters and per-step gaps')
    .option('--from <time>', 'events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'events before (epoch ms or ISO-8601)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<FunnelOptions>();
      const windowMs = parseDuration(opts.window);
      if (windowMs === undefined) throw new AppError('funnels_invalid_window', `window ${opts.window} is not a duration like 30m, 24h or 7d`);
      await withTenantApp(opts, async (app) => {
        const result = await app.funnels.run({
          tenant: opts.tenant, steps: stepsFlag(opts), windowMs,
          by: listFlag(opts.by) as FunnelDimension[] | undefined, from: parseTimeFlag(opts.from), to: parseTimeFlag(opts.to),
          mode: opts.mode as FunnelMode | undefined, windowFrom: opts.windowFrom as WindowFrom | undefined, count: opts.count as FunnelCount | undefined,
          value: opts.value, nextEvents: numberFlag(opts.nextEvents), exclusions: parseExclusions(opts.exclude),
        });
        emit(opts, result, () => renderFunnel(result, app.config.lang));
      });
    });
}
