import { CommanderError, type Command } from 'commander';
import { CATEGORIES, ComplianceService, type Hit } from '../../modules/compliance/index.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { msg } from '../messages.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function renderHits(lang: 'zh' | 'en', hits: readonly Hit[]): string {
  if (hits.length === 0) return msg(lang, 'check_clean');
  return [msg(lang, 'check_hits', { n: hits.length }), ...hits.map((h) => {
    const c = CATEGORIES[h.category];
    const rewrite = h.suggestions.length > 0 ? `  → ${msg(lang, 'check_rewrite')}${h.suggestions.join(' / ')}` : '';
    return `  [${h.start}–${h.end}] 「${h.text}」 ${lang === 'zh' ? c.zh : c.en} (${h.severity}) — ${lang === 'zh' ? h.rule.zh : h.rule.en}${rewrite}`;
  })].join('\n');
}

/** `reelpath check [--json] [TEXT]`: advertising-law and sensitive-content check of one text (standard input when none). */
export function registerCheckCommand(program: Command): void {
  program.command('check').description('Check a title, script, caption or comment for advertising-law and sensitive terms (stdin when no text); exit 4 when anything is found / 合规检查')
    .argument('[text...]', 'the text (joined with spaces); read from standard input when absent')
    .option('--lists', 'also print the word lists in use with their SHA-256')
    .action(async (words: string[], _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { lists?: boolean }>();
      const config = configFromFlags(opts);
      const text = words.length > 0 ? words.join(' ') : (await readStdin()).replace(/\r?\n$/, '');
      const result = new ComplianceService({ listsDir: config.compliance.listsDir }).check(text);
      emit(opts, result, () => [renderHits(config.lang, result.hits),
        ...(opts.lists ? ['', msg(config.lang, 'check_lists'), ...result.lists.map((l) => `  ${l.file}  ${l.terms}  sha256 ${l.sha256.slice(0, 16)}…`)] : [])].join('\n'));
      // An outcome, not an error: a text with hits exits 4 so scripts and CI can stop on it.
      if (result.hits.length > 0) throw new CommanderError(4, 'reelpath.outcome', `check: ${result.hits.length} hit(s)`);
    });
}
