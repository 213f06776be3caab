import type { Command } from 'commander';
import type { CohortBasis, PeriodUnit, RetentionMode } from '../../modules/retention/index.js';
import { addBuyerOptions, buyerQueryFromFlags, type BuyerFlags } from '../buyer-options.js';
import { numberFlag } from '../flag-parsers.js';
import { emit, withTenantApp } from '../cli-context.js';
import { renderLtv, renderRepurchase, renderRetention } from '../retention-report.js';

interface CohortFlags extends BuyerFlags { cohort: string; period: string; mode: string; periods: string }
interface RepurchaseFlags extends BuyerFlags { withinDays?: string }
interface LtvFlags extends BuyerFlags { period: string; limit: string; offset: string }

/** Opens the app for one command, checks the tenant, runs `work`, closes. */
/** `reelpath retention cohorts|repurchase|ltv`: cohort retention, repurchase and lifetime value. */
export function registerRetentionCommand(program: Command): void {
  const retention = program.command('retention').description('Retention, repurchase and lifetime value / 留存、复购与客户生命周期价值');
  addBuyerOptions(retention.command('cohorts'))
    .description('Cohort retention table / 同期群留存表')
    .option('--cohort <basis>', 'first_event or first_order', 'first_order')
    .option('--period <unit>', 'week (Monday, UTC) or month (UTC)', 'month')
    .option('--mode <mode>', 'on (exactly period k) or on_or_after (period k or later)', 'on')
    .option('--periods <n>', 'columns after period 0 (1-120)', '8')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<CohortFlags>();
      await withTenantApp(opts, async (app) => {
        const result = await app.retention.cohorts({
          ...buyerQueryFromFlags(opts), cohort: opts.cohort as CohortBasis, period: opts.period as PeriodUnit, mode: opts.mode as RetentionMode, periods: Number(opts.periods),
        });
        emit(opts, result, () => renderRetention(result, app.config.lang));
      });
    });
  addBuyerOptions(retention.command('repurchase'))
    .description('Repurchase rate and time between orders / 复购率与订单间隔')
    .option('--within-days <n>', 'also the share of buyers whose second order came within N days of the first')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<RepurchaseFlags>();
      await withTenantApp(opts, async (app) => {
        const result = await app.retention.repurchase({ ...buyerQueryFromFlags(opts), withinDays: numberFlag(opts.withinDays) });
        emit(opts, result, () => renderRepurchase(result, app.config.lang));
      });
    });
  addBuyerOptions(retention.command('ltv'))
    .description('Lifetime value net of refunds, per cohort and per buyer / 扣除退款的客户生命周期价值')
    .option('--period <unit>', 'cohort period: week or month', 'month')
    .option('--limit <n>', 'buyers listed, highest net first (0-1000)', '10')
    .option('--offset <n>', 'buyers skipped', '0')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<LtvFlags>();
      await withTenantApp(opts, async (app) => {
        const result = await app.retention.ltv({ ...buyerQueryFromFlags(opts), period: opts.period as PeriodUnit, limit: Number(opts.limit), offset: Number(opts.offset) });
        emit(opts, result, () => renderLtv(result, app.config.lang));
      });
    });
}
