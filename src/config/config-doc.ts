import { markdownCell } from '../shared/markdown-table.js';
import { SETTINGS, type Setting } from './config.schema.js';

function formatDefault(setting: Setting): string {
  if (setting.default === undefined) return '(unset)';
  return `\`${String(setting.default)}\``;
}

function formatType(setting: Setting): string {
  if (setting.type === 'enum') return `one of ${(setting.values ?? []).map((v) => `\`${v}\``).join(', ')}`;
  const bounds: string[] = [];
  if (setting.min !== undefined) bounds.push(`≥ ${setting.min}`);
  if (setting.max !== undefined) bounds.push(`≤ ${setting.max}`);
  return bounds.length > 0 ? `${setting.type} (${bounds.join(', ')})` : setting.type;
}

/**
 * Renders docs/config.md from the config schema: one table row per setting, in schema order.
 * `npm run docs` writes the file; test/docs/docs-sync.test.ts fails when it differs.
 */
export function renderConfigDoc(settings: readonly Setting[] = SETTINGS): string {
  const rows = settings.map((s) =>
    `| \`${s.key}\` | \`${s.env}\` | ${formatType(s)} | ${formatDefault(s)} | ${markdownCell(s.description)}${s.secret ? ' **Secret:** redacted by `reelpath config`.' : ''} |`);
  return [
    '# Configuration / 配置',
    '',
    '<!-- Generated from src/config/config.schema.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Reelpath reads its settings once, at start, from four sources; a later source wins over an earlier one:',
    '',
    '1. the defaults below;',
    '2. a JSON config file named by `--config <file>` or `REELPATH_CONFIG`, with keys nested by their dots',
    '   (`{ "api": { "port": 8080 } }` sets `api.port`);',
    '3. the environment variables below;',
    '4. command-line flags (`reelpath --help`).',
    '',
    'Every value is checked against its type and bounds and every problem is reported at once as',
    '`config_invalid`; the result is frozen. `reelpath config` prints the effective configuration with',
    'secrets redacted. Only `src/config/` reads settings; the rest of the code receives the `Config`.',
    '',
    '| key | environment | type | default | description |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
