import { Command, CommanderError } from 'commander';
import { resolveLang } from '../config/index.js';
import { AppError } from '../shared/errors/index.js';
import { reportError, type GlobalOptions } from './cli-context.js';
import { registerAlertsCommand } from './commands/alerts.command.js';
import { registerAttributionCommand } from './commands/attribution.command.js';
import { registerBenchCommand } from './commands/bench.command.js';
import { registerConfigCommand } from './commands/config.command.js';
import { registerDecisionTimeCommand } from './commands/decision-time.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerEvalCommand } from './commands/eval.command.js';
import { registerFunnelCommand } from './commands/funnel.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerKpiCommand } from './commands/kpi.command.js';
import { registerRecommendCommand } from './commands/recommend.command.js';
import { registerExperimentCommand } from './commands/experiment.command.js';
import { registerPathLengthCommand } from './commands/path-length.command.js';
import { registerPathsCommand } from './commands/paths.command.js';
import { registerRetentionCommand } from './commands/retention.command.js';
import { registerSegmentsCommand } from './commands/segments.command.js';
import { registerOrdersCommand } from './commands/orders.command.js';
import { registerLedgerCommand } from './commands/ledger.command.js';
import { registerCheckCommand } from './commands/check.command.js';
import { registerSaleCommand } from './commands/sale.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerStockCommand } from './commands/stock.command.js';
import { registerTenantCommand } from './commands/tenant.command.js';
import { registerTraceCommand } from './commands/trace.command.js';

/** Builds the `reelpath` command tree. */
export function buildProgram(): Command {
  const program = new Command('reelpath')
    .description('Reelpath — short-video commerce analytics you host yourself / 自托管短视频电商数据平台')
    .option('--json', 'machine-readable JSON output on stdout')
    .option('--port <port>', 'HTTP port (serve, demo)')
    .option('--data <dir>', 'data folder of the embedded stores')
    .option('--config <file>', 'JSON config file')
    .option('--lang <lang>', 'zh, en or auto')
    .option('--log-level <level>', 'log level')
    .exitOverride()
    .showHelpAfterError();
  registerDemoCommand(program);
  registerServeCommand(program);
  registerImportCommand(program);
  registerFunnelCommand(program);
  registerKpiCommand(program);
  registerRecommendCommand(program);
  registerExperimentCommand(program);
  registerAlertsCommand(program);
  registerAttributionCommand(program);
  registerPathsCommand(program);
  registerDecisionTimeCommand(program);
  registerPathLengthCommand(program);
  registerRetentionCommand(program);
  registerSegmentsCommand(program);
  registerStockCommand(program);
  registerSaleCommand(program);
  registerOrdersCommand(program);
  registerTraceCommand(program);
  registerLedgerCommand(program);
  registerCheckCommand(program);
  registerConfigCommand(program);
  registerTenantCommand(program);
  registerEvalCommand(program);
  registerBenchCommand(program);
  return program;
}

function guessLang(argv: readonly string[]): 'zh' | 'en' {
  const i = argv.indexOf('--lang');
  const flag = i >= 0 ? argv[i + 1] : undefined;
  return resolveLang(flag ?? process.env.REELPATH_LANG ?? 'auto', process.env);
}

/**
 * Runs the CLI; resolves with the process exit code (errors mapped in cli-context). A command that has
 * printed its whole report and ends with a status that is an outcome, not an error (`stock import` with
 * rejected rows: 4), throws a `CommanderError` with code `reelpath.outcome`; its exit code is returned as is.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      if (err.code === 'reelpath.outcome') return err.exitCode;
      return reportError(new AppError('cli_usage', err.message), guessLang(argv), false);
    }
    return reportError(err, guessLang(argv), (program.opts<GlobalOptions>().json ?? false) === true);
  }
}
