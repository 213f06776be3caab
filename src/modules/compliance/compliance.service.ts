import { Converter } from 'opencc-js/t2cn';
import { AppError } from '../../shared/errors/index.js';
import { DEFAULT_ALLOW } from './domain/allow-list.js';
import { ComplianceChecker, type Hit, type Term } from './domain/checker.js';
import { loadLexicon, type ListProvenance } from './lexicon-files.js';

/** A check's answer: every hit, and the lists it was checked against. */
export interface CheckResult {
  readonly hits: readonly Hit[];
  readonly lists: readonly ListProvenance[];
}

export const MAX_TEXT_CHARS = 20_000;

/**
 * Compliance checking of titles, scripts, captions, comments and live scripts (issue 9). The lists are
 * read from `listsDir` on first use and the automata built once; traditional Chinese is folded with
 * OpenCC's Taiwan → mainland table (character by character, so positions stay exact).
 */
export class ComplianceService {
  private built: { checker: ComplianceChecker; lists: ListProvenance[] } | undefined;

  constructor(private readonly options: { readonly listsDir: string; readonly extraTerms?: readonly Term[]; readonly extraAllow?: readonly string[] }) {}

  /** Checks one text (1–20,000 characters). */
  check(text: unknown): CheckResult {
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT_CHARS) {
      throw new AppError('compliance_invalid_text', `Text must be 1–${MAX_TEXT_CHARS} characters`, { details: { length: typeof text === 'string' ? text.length : null } });
    }
    const { checker, lists } = this.checker();
    return { hits: checker.check(text), lists };
  }

  /** The lists in use (loading them if needed). */
  lists(): readonly ListProvenance[] {
    return this.checker().lists;
  }

  private checker(): { checker: ComplianceChecker; lists: ListProvenance[] } {
    if (!this.built) {
      const { terms, provenance } = loadLexicon(this.options.listsDir);
      const toSimplified = Converter({ from: 'tw', to: 'cn' });
      const checker = new ComplianceChecker({ terms: [...terms, ...(this.options.extraTerms ?? [])], allow: [...DEFAULT_ALLOW, ...(this.options.extraAllow ?? [])] }, toSimplified);
      this.built = { checker, lists: provenance };
    }
    return this.built;
  }
}
