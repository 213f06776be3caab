import { describe, expect, it } from 'vitest';
import { ComplianceChecker, type Term } from './checker.js';
import { classifyAdLawTerm } from './categories.js';
import { DEFAULT_ALLOW } from './allow-list.js';
import { normalizeText } from './normalize.js';

const adlaw = (term: string): Term => ({ term, category: classifyAdLawTerm(term), source: 'test' });
const TERMS: Term[] = [...['最', '最佳', '最好', '第一', '国家级', 'NO.1', '根治', '100%有效', '招财进宝', '秒杀全网', '特供', '安全', '绝对安全'].map(adlaw),
  { term: '口交', category: 'pornography', source: 'test' }, { term: 'MA', category: 'other', source: 'test' }, { term: '64', category: 'other', source: 'test' }];
// A stand-in for the traditional → simplified table (the service injects OpenCC's).
const T2S: Record<string, string> = { 國: '国', 級: '级', 後: '后' };
const toSimplified = (s: string): string => [...s].map((c) => T2S[c] ?? c).join('');
const checker = new ComplianceChecker({ terms: TERMS, allow: DEFAULT_ALLOW }, toSimplified);
const hits = (text: string) => checker.check(text).map((h) => [h.text, h.term, h.category]);

describe('normalisation', () => {
  it('folds width, case, numerals, separators and emoji, keeping each unit\'s source position', () => {
    const n = normalizeText('ＮＯ．１ 最🔥佳', toSimplified);
    expect(n.text).toBe('no1最佳');
    expect(n.source).toEqual([0, 1, 3, 5, 8]);
    expect(normalizeText('國家級·第一', toSimplified).text).toBe('国家级第1');
  });
});

describe('the compliance checker', () => {
  it('reports absolute terms with their rule, position and rewrites, however they are spelled', () => {
    const [h] = checker.check('这款是全网最佳的茶');
    expect(h).toMatchObject({ start: 5, end: 7, text: '最佳', term: '最佳', category: 'absolute', severity: 'high', rule: { id: 'adlaw-9-3' } });
    expect(h?.suggestions).toEqual(['优选', '出色']);
    expect(hits('最 * 佳 品质，國家級工艺，No.1')).toEqual([['最 * 佳', '最佳', 'absolute'], ['國家級', '国家级', 'authority'], ['No.1', 'NO.1', 'absolute']]);
    expect(hits('第1名！')).toEqual([['第1', '第一', 'absolute']]);
  });

  it('sorts medical claims, guarantees, superstition, inducement and authority under their own articles', () => {
    expect(checker.check('根治失眠，100%有效，招财进宝，秒杀全网，特供茶').map((h) => [h.category, h.rule.id])).toEqual([
      ['medical', 'adlaw-17'], ['guarantee', 'adlaw-28'], ['superstition', 'adlaw-9-8'], ['inducement', 'adlaw-28'], ['authority', 'adlaw-9-2'],
    ]);
  });

  it('lets an allowed phrase win over the banned term inside it, and reports a nested term once', () => {
    expect(hits('最近上新，最佳保质期 18 个月，第一次购买')).toEqual([]);
    expect(hits('最好的龙井')).toEqual([['最好', '最好', 'absolute']]);
    expect(hits('最甜的西瓜')).toEqual([['最', '最', 'absolute']]);
    // The classic substring false positive of word filters: 口交 inside 路口交通.
    expect(hits('前方路口交通管制')).toEqual([]);
  });

  it('matches Latin and digit terms as whole words only, and generic entries only inside a longer listed phrase', () => {
    expect(hits('mama 的 1964 年 64GB 手机')).toEqual([]);
    expect(hits('MA 系列，6-4 特价')).toEqual([['MA', 'MA', 'other'], ['6-4', '64', 'other']]);
    expect(hits('安全座椅，绝对安全')).toEqual([['绝对安全', '绝对安全', 'absolute']]);
  });

  it('never matches across a hashtag, a mention or a line break', () => {
    const c = new ComplianceChecker({ terms: [{ term: '美女写真', category: 'pornography', source: 'test' }, ...TERMS], allow: DEFAULT_ALLOW });
    expect(c.check('#美女 #写真')).toEqual([]);
    expect(c.check('美女 写真').map((h) => h.text)).toEqual(['美女 写真']);
    expect(hits('最\n佳')).toEqual([['最', '最', 'absolute']]);
    expect(hits('运动后最好在户外走走，第一日行程')).toEqual([]);
  });

  it('finds nothing in clean copy', () => {
    expect(checker.check('明前龙井 250g，杭州发货，支持七天无理由退货')).toEqual([]);
  });
});
