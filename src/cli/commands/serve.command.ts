import type { Command } from 'commander';
import { createApp } from '../../app/app.js';
import { configFromFlags, type GlobalOptions } from '../cli-context.js';
import { msg } from '../messages.js';
import { serveUntilSignal } from '../serve-loop.js';

/** `reelpath serve`: the HTTP API and dashboard over the configured stores. */
export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('Serve the HTTP API and dashboard / 启动 API 与仪表盘')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const app = await createApp(configFromFlags(opts, {}, { 'log.level': 'info' }));
      if ((await app.tenants.listTenants()).length === 0) process.stderr.write(`${msg(app.config.lang, 'serve_no_tenant')}\n`);
      await serveUntilSignal(app, (url) => process.stderr.write(`${msg(app.config.lang, 'serve_listening', { url })}\n`));
    });
}
