import type { Command } from 'commander';
import { AppError } from '../../shared/errors/index.js';
import { renderMembersCsv, type RfmRequest } from '../../modules/segments/index.js';
import { addBuyerOptions, buyerQueryFromFlags, type BuyerFlags } from '../buyer-options.js';
import { listFlag, numberFlag, parseTimeFlag } from '../flag-parsers.js';
import { emit, withTenantApp } from '../cli-context.js';
import { renderMembers, renderRfm } from '../segments-report.js';

interface RfmFlags extends BuyerFlags { asOf?: string; scores?: string; recencyCuts?: string; frequencyCuts?: string; monetaryCuts?: string; rules?: string }
interface MembersFlags extends RfmFlags { layer?: string; limit?: string; offset?: string; format: string }

const cutsFlag = (value: string | undefined): number[] | undefined => listFlag(value)?.map(Number);

function addRfmOptions(cmd: Command): Command {
  return addBuyerOptions(cmd)
    .option('--as-of <time>', 'measure recency to this time (epoch ms or ISO-8601; default now)')
    .option('--scores <k>', 'scores 1..k (2-10; default 5, other k need --rules)')
    .option('--recency-cuts <days>', 'k-1 ascending cut points in days since the last order (default: quantiles)')
    .option('--frequency-cuts <orders>', 'k-1 ascending cut points in orders (default: quantiles)')
    .option('--monetary-cuts <fen>', 'k-1 ascending cut points in net minor units (default: quantiles)')
    .option('--rules <rules>', 'layer rules in order, e.g. loyal:R3-5,F4-5;dormant:R1-2,F1-2');
}

function rfmRequestFromFlags(o: RfmFlags): RfmRequest {
  return {
    ...buyerQueryFromFlags(o), asOf: parseTimeFlag(o.asOf), scores: numberFlag(o.scores),
    cuts: { recencyDays: cutsFlag(o.recencyCuts), frequency: cutsFlag(o.frequencyCuts), monetary: cutsFlag(o.monetaryCuts) },
    rules: o.rules,
  };
}

/** `reelpath segments rfm|members`: RFM layers with their strategies, and layer members (table, JSON or CSV). */
export function registerSegmentsCommand(program: Command): void {
  const segments = program.command('segments').description('RFM segments and layer members / RFM 分层与成员');
  addRfmOptions(segments.command('rfm'))
    .description('Layer sizes, content strategies, cut points and rules / 各分层人数、内容策略、切分点与规则')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<RfmFlags>();
      await withTenantApp(opts, async (app) => {
        const result = await app.segments.rfm(rfmRequestFromFlags(opts));
        emit(opts, result, () => renderRfm(result, app.config.lang));
      });
    });
  addRfmOptions(segments.command('members'))
    .description('Members of a layer, highest net first / 分层成员（按净消费额降序）')
    .option('--layer <layer>', 'loyal, high_potential_new, at_risk, dormant or other (default: every buyer)')
    .option('--limit <n>', 'members listed (default 20 for the table, all for csv and json)')
    .option('--offset <n>', 'members skipped', '0')
    .option('--format <format>', 'table, csv or json (--json is the same as --format json)', 'table')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<MembersFlags>();
      const format = opts.json ? 'json' : opts.format;
      if (!['table', 'csv', 'json'].includes(format)) throw new AppError('cli_usage', `--format must be table, csv or json, got ${format}`);
      await withTenantApp(opts, async (app) => {
        const page = await app.segments.members({
          ...rfmRequestFromFlags(opts), layer: opts.layer, offset: numberFlag(opts.offset),
          limit: numberFlag(opts.limit) ?? (format === 'table' ? 20 : undefined),
        });
        if (format === 'csv') process.stdout.write(renderMembersCsv(page.members));
        else emit({ json: format === 'json' }, page, () => renderMembers(page, app.config.lang));
      });
    });
}
