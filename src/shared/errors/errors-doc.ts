import { markdownCell } from '../markdown-table.js';
import { ERROR_CATALOGUE, type ErrorSpec } from './catalogue.js';

/**
 * Renders docs/errors.md from the error catalogue: one table row per code, in catalogue order.
 * `npm run docs` writes the file; test/docs/docs-sync.test.ts fails when it differs.
 */
export function renderErrorsDoc(catalogue: Readonly<Record<string, ErrorSpec>> = ERROR_CATALOGUE): string {
  const rows = Object.entries(catalogue).map(([code, spec]) =>
    `| \`${code}\` | ${spec.status} | ${markdownCell(spec.en)} | ${markdownCell(spec.zh)} | ${markdownCell(spec.action)} |`);
  return [
    '# Error codes / 错误码',
    '',
    '<!-- Generated from src/shared/errors/catalogue.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every error Reelpath reports carries one of these codes. The HTTP API answers with the status below',
    'and a body `{ "error": { "code", "message", "messageZh", "action", "details"? } }`; a batch ingest',
    'reports per-item problems as `rejected: [{ index, code, reason }]` with the same codes. The CLI prints',
    'the code and what to do, and maps it to an exit code in one place (`src/cli/cli-context.ts`).',
    '',
    'Codes are snake_case and prefixed by the module or layer that raises them. A shipped code is never',
    'renamed or reused; new problems get new codes.',
    '',
    '| code | HTTP | meaning | 含义 | what to do |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
