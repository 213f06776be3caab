import type { Command } from 'commander';
import { redactConfig, SETTINGS } from '../../config/index.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';

/** `reelpath config`: the effective configuration, secrets redacted. */
export function registerConfigCommand(program: Command): void {
  program.command('config')
    .description('Print the effective configuration (secrets redacted) / 打印当前生效的配置（隐藏密钥）')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const config = redactConfig(configFromFlags(opts));
      emit(opts, config, () => SETTINGS.map((s) => {
        let v: unknown = config;
        for (const part of s.key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
        return `${s.key.padEnd(34)} ${v === undefined ? '(unset)' : String(v)}   [${s.env}]`;
      }).join('\n'));
    });
}
