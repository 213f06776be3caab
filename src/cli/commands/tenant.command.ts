import type { Command } from 'commander';
import { createApp } from '../../app/app.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { msg } from '../messages.js';

/** `reelpath tenant create <id>`: creates a tenant and prints its keys once. */
export function registerTenantCommand(program: Command): void {
  const tenant = program.command('tenant').description('Manage tenants / 管理租户');
  tenant.command('create <id>')
    .option('--name <name>', 'display name')
    .description('Create a tenant and print its write and secret keys / 创建租户并输出密钥')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { name?: string }>();
      const app = await createApp(configFromFlags(opts));
      try {
        const created = await app.tenants.createTenant(id, opts.name ?? id);
        emit(opts, { tenant: created.tenant.id, writeKey: created.writeKey, secretKey: created.secretKey },
          () => msg(app.config.lang, 'tenant_created', { id, write: created.writeKey, secret: created.secretKey }));
      } finally {
        await app.close();
      }
    });
  tenant.command('list').description('List tenants / 列出租户').action(async (_o: unknown, cmd: Command) => {
    const opts = cmd.optsWithGlobals<GlobalOptions>();
    const app = await createApp(configFromFlags(opts));
    try {
      const list = (await app.tenants.listTenants()).map((t) => ({ id: t.id, name: t.name, createdAt: new Date(t.createdAt).toISOString() }));
      emit(opts, list, () => list.map((t) => `${t.id}\t${t.name}\t${t.createdAt}`).join('\n'));
    } finally {
      await app.close();
    }
  });
}
