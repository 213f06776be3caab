/**
 * The compliance checker: every banned term of the lists found in a text, after normalisation, with its
 * position in the merchant's own text, the matched words, category, severity, the rule it breaks and
 * suggested rewrites. Precision rules: an allowed phrase wins over any banned term inside it (`最佳保质期`
 * keeps `最佳` from firing; `最近` keeps `最`), a term of only Latin letters and digits matches whole words
 * only, and a hit inside a longer hit is not reported again (`最佳` is one hit, not also `最`). Pure; the lists come from files the service reads.
 */
import { AhoCorasick } from './aho-corasick.js';
import { CATEGORIES, REWRITES, type Category, type RuleRef, type Severity } from './categories.js';
import { normalizeText, type ToSimplified } from './normalize.js';

/** A banned term and where it came from. */
export interface Term {
  readonly term: string;
  readonly category: Category;
  /** e.g. `cn-adlaw-banned-words/adlaw_limit_words.txt`, `tenant`. */
  readonly source: string;
}

export interface CheckerLists {
  readonly terms: readonly Term[];
  /** Phrases that are fine even though they contain a banned term (regulator exceptions, common words). */
  readonly allow: readonly string[];
}

export interface Hit {
  /** `[start, end)` in UTF-16 units of the text as sent. */
  readonly start: number;
  readonly end: number;
  /** The text as sent between start and end (separators and all). */
  readonly text: string;
  /** The list term it matched (as listed). */
  readonly term: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly rule: RuleRef;
  readonly source: string;
  readonly suggestions: readonly string[];
}

/** Latin letters and digits: a term made only of them matches whole words only (`ma` not inside `mama`, `64` not inside `1964`). */
const LATIN = /[a-z0-9]/;
const LATIN_TERM = /^[a-z0-9]+$/;
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 3, medium: 2, low: 1 };

/** A checker built once from lists (the automata are built here), then used for any number of texts. */
export class ComplianceChecker {
  private readonly terms: Array<Term & { readonly normalized: string; readonly latin: boolean }> = [];
  private readonly banned: AhoCorasick;
  private readonly allowed: AhoCorasick;

  constructor(lists: CheckerLists, private readonly toSimplified: ToSimplified = (s) => s) {
    // One entry per normalised term: the more severe category wins (then the earlier list).
    const byNormalized = new Map<string, Term & { readonly normalized: string; readonly latin: boolean }>();
    for (const t of lists.terms) {
      const normalized = normalizeText(t.term.trim(), toSimplified).text;
      if (normalized.length === 0) continue;
      const prior = byNormalized.get(normalized);
      if (!prior || SEVERITY_RANK[CATEGORIES[t.category].severity] > SEVERITY_RANK[CATEGORIES[prior.category].severity]) byNormalized.set(normalized, { ...t, term: t.term.trim(), normalized, latin: LATIN_TERM.test(normalized) });
    }
    this.terms = [...byNormalized.values()];
    this.banned = new AhoCorasick(this.terms.map((t) => t.normalized));
    this.allowed = new AhoCorasick(lists.allow.map((a) => normalizeText(a, toSimplified).text));
  }

  /** How many distinct (normalised) terms the checker holds. */
  get size(): number {
    return this.terms.length;
  }

  /** Every hit in `text`, in order of position. */
  check(text: string): Hit[] {
    const norm = normalizeText(text, this.toSimplified);
    const allowedSpans = this.allowed.search(norm.text);
    const matches = this.banned.search(norm.text)
      .filter((m) => !allowedSpans.some((a) => a.start <= m.start && m.end <= a.end))
      .filter((m) => !this.terms[m.pattern]!.latin || (!LATIN.test(norm.text[m.start - 1] ?? '') && !LATIN.test(norm.text[m.end] ?? '')));
    const kept = matches.filter((m) => !matches.some((o) => o !== m && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start));
    kept.sort((a, b) => a.start - b.start || b.end - a.end);
    return kept.map((m) => {
      const t = this.terms[m.pattern]!;
      const c = CATEGORIES[t.category];
      const start = norm.source[m.start]!;
      const lastSource = norm.source[m.end - 1]!;
      const end = lastSource + ((text.codePointAt(lastSource) ?? 0) > 0xffff ? 2 : 1);
      return { start, end, text: text.slice(start, end), term: t.term, category: t.category, severity: c.severity, rule: c.rule, source: t.source, suggestions: REWRITES[t.normalized] ?? [] };
    });
  }
}
