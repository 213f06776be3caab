import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../app/app.js';
import { AppError } from '../../shared/errors/index.js';
import { attributePathFile, readAttributionParams, type AttributionResult } from '../../modules/attribution/index.js';
import { parseTimeFlag } from '../flag-parsers.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { renderAttribution } from '../attribution-table.js';

interface AttributionOptions extends GlobalOptions {
  paths?: string; tenant: string; model: string; by?: string; order?: string; collapseRepeats: boolean;
  clickWindow?: string; viewWindow?: string; halfLife?: string; from?: string; to?: string;
}


function readPathFile(file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (err) {
    throw new AppError('attribution_path_file_unreadable', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * `reelpath attribution`: multi-touch attribution over a ChannelAttribution path file (`--paths FILE`,
 * no store is opened) or over a tenant's events, as a table or JSON.
 */
export function registerAttributionCommand(program: Command): void {
  program.command('attribution')
    .description('Multi-touch attribution of conversions and net GMV / 多触点归因（转化与扣除退款后的 GMV）')
    .option('--paths <file>', 'a ChannelAttribution path file (path;total_conversions;total_conversion_value;total_null) instead of the store')
    .option('--tenant <id>', 'tenant (event store input)', 'demo')
    .option('--model <model>', 'first_touch, last_touch, linear, time_decay, position_based, markov or shapley', 'markov')
    .option('--by <dimension>', 'channel: platform (default), creatorId, videoId or liveId')
    .option('--order <k>', 'Markov order 1–4 (default 1)')
    .option('--no-collapse-repeats', 'Markov: keep consecutive repeats as self-loops (the white paper convention)')
    .option('--click-window <duration>', 'click-through window for product_click, detail_view, add_to_cart (default 7d)')
    .option('--view-window <duration>', 'view-through window for impression, play, complete, live_enter (default 1d)')
    .option('--half-life <duration>', 'time-decay half-life (default 7d)')
    .option('--from <time>', 'conversions at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'conversions before (epoch ms or ISO-8601)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<AttributionOptions>();
      const params = readAttributionParams({
        model: opts.model, by: opts.by, order: opts.order, collapseRepeats: String(opts.collapseRepeats),
        clickWindow: opts.clickWindow, viewWindow: opts.viewWindow, halfLife: opts.halfLife,
      });
      const config = configFromFlags(opts);
      let result: AttributionResult;
      if (opts.paths !== undefined) {
        result = attributePathFile({ text: readPathFile(opts.paths), model: params.model, order: params.order, collapseRepeats: params.collapseRepeats, halfLifeMs: params.halfLifeMs });
      } else {
        const app = await createApp(config);
        try {
          await app.tenants.getTenant(opts.tenant);
          result = await app.attribution.run({ ...params, tenant: opts.tenant, from: parseTimeFlag(opts.from), to: parseTimeFlag(opts.to) });
        } finally {
          await app.close();
        }
      }
      emit(opts, result, () => renderAttribution(result, config.lang));
    });
}
