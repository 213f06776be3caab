/**
 * The compliance module (issue 9, in progress): advertising-law and sensitive-content checking of
 * merchant text — normalisation, Aho–Corasick matching, allow-list precision rules, the rule each hit
 * breaks and compliant rewrites; lists read from files at run time. See README.md.
 */
export { normalizeChar, normalizeText, type Normalized, type ToSimplified } from './domain/normalize.js';
export { AhoCorasick, type Match } from './domain/aho-corasick.js';
export { CATEGORIES, LEXICON_FILES, REWRITES, classifyAdLawTerm, type Category, type RuleRef, type Severity } from './domain/categories.js';
export { ComplianceChecker, type CheckerLists, type Hit, type Term } from './domain/checker.js';
export { DEFAULT_ALLOW } from './domain/allow-list.js';
export { loadLexicon, type ListProvenance } from './lexicon-files.js';
export { ComplianceService, MAX_TEXT_CHARS, type CheckResult } from './compliance.service.js';
