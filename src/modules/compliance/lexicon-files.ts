import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/index.js';
import { classifyAdLawTerm, LEXICON_FILES, type Category } from './domain/categories.js';
import type { Term } from './domain/checker.js';

/** Where a list came from: shown with every check so a merchant can tell which list flagged what. */
export interface ListProvenance {
  /** Path below the lists folder. */
  readonly file: string;
  readonly sha256: string;
  /** Non-empty lines read. */
  readonly terms: number;
  /** The category its terms fall in (`mixed` for the Advertising-Law list, sorted term by term). */
  readonly category: Category | 'mixed';
}

const ADLAW = join('cn-adlaw-banned-words', 'adlaw_limit_words.txt');
const LEXICON = join('cn-sensitive-lexicon', 'Vocabulary');

function readList(dir: string, file: string): { lines: string[]; sha256: string } {
  const bytes = readFileSync(join(dir, file));
  const lines = bytes.toString('utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return { lines, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Reads the word lists from `dir` at run time (they are never copied into the project): the
 * Advertising-Law list, each term sorted into its category, and the sensitive lexicon's commerce-relevant
 * files. Refused with `compliance_lists_missing` when the Advertising-Law list is not there.
 */
export function loadLexicon(dir: string): { readonly terms: Term[]; readonly provenance: ListProvenance[] } {
  if (!existsSync(join(dir, ADLAW))) {
    throw new AppError('compliance_lists_missing', `No ${ADLAW} under ${dir}`, { details: { listsDir: dir, expected: [ADLAW, `${LEXICON}/*.txt`] } });
  }
  const terms: Term[] = [];
  const provenance: ListProvenance[] = [];
  const adlaw = readList(dir, ADLAW);
  for (const t of adlaw.lines) terms.push({ term: t, category: classifyAdLawTerm(t), source: ADLAW });
  provenance.push({ file: ADLAW, sha256: adlaw.sha256, terms: adlaw.lines.length, category: 'mixed' });
  const lexiconDir = join(dir, LEXICON);
  const files = existsSync(lexiconDir) ? readdirSync(lexiconDir).filter((f) => LEXICON_FILES[f] !== undefined).sort() : [];
  for (const f of files) {
    const category = LEXICON_FILES[f]!;
    const list = readList(dir, join(LEXICON, f));
    for (const t of list.lines) terms.push({ term: t, category, source: join(LEXICON, f) });
    provenance.push({ file: join(LEXICON, f), sha256: list.sha256, terms: list.lines.length, category });
  }
  return { terms, provenance };
}
