import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../app/app.js';
import { checkImportRequest, importFile } from '../../flows/import-file.flow.js';
import { IMPORT_FORMATS } from '../../modules/importer/index.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { msg } from '../messages.js';
import { ProgressBar } from '../progress.js';

interface ImportOptions extends GlobalOptions { format: string; tenant: string; createTenant?: boolean }

/** `reelpath import <file> --format …`: file import with a progress bar and a summary. */
export function registerImportCommand(program: Command): void {
  program.command('import <file>')
    .description('Import events from a file / 从文件导入事件')
    .requiredOption('--format <format>', IMPORT_FORMATS.join(' | '))
    .option('--tenant <id>', 'tenant to import into', 'default')
    .option('--create-tenant', 'create the tenant when it does not exist')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ImportOptions>();
      // Fail on a bad format or path before opening the stores or creating the tenant.
      checkImportRequest(resolve(file), opts.format);
      const app = await createApp(configFromFlags(opts));
      const lang = app.config.lang;
      try {
        if (opts.createTenant && !(await app.tenants.listTenants()).some((t) => t.id === opts.tenant)) await app.tenants.createTenant(opts.tenant);
        const tenant = await app.tenants.getTenant(opts.tenant);
        const bar = new ProgressBar(msg(lang, 'import_reading'), 100, '%', !opts.json);
        const summary = await importFile(app, tenant, resolve(file), opts.format, (read, total, rows) => {
          bar.update(total > 0 ? (100 * read) / total : 0, `${rows.toLocaleString('en-US')} rows`);
        });
        bar.done();
        emit(opts, summary, () => {
          const lines = [msg(lang, 'import_summary', {
            rows: summary.rowsRead.toLocaleString('en-US'), accepted: summary.accepted.toLocaleString('en-US'), duplicates: summary.duplicates.toLocaleString('en-US'),
            rejected: summary.rejected.toLocaleString('en-US'), seconds: summary.seconds.toFixed(1),
            rate: Math.round(summary.rowsRead / Math.max(0.001, summary.seconds)).toLocaleString('en-US'),
          })];
          if (summary.rejected > 0) {
            lines.push(msg(lang, 'import_rejections'));
            for (const [code, n] of Object.entries(summary.rejectedByReason)) lines.push(`  ${code}: ${n.toLocaleString('en-US')}`);
            for (const e of summary.examples.slice(0, 5)) lines.push(`  line ${e.line}: [${e.code}] ${e.reason}`);
          }
          return lines.join('\n');
        });
      } finally {
        await app.close();
      }
    });
}
