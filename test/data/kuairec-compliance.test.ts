import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComplianceService, normalizeText, type Category } from '../../src/modules/compliance/index.js';
import { parseCsv } from '../../src/modules/importer/index.js';
import { dataDir, dataset } from '../harness/data-dir.js';

const kuairec = dataset('kuairec-caption-category');

// The 10,728 real Kuaishou captions and cover texts (SOURCE.md) through the checker with the real lists.
describe.skipIf(!kuairec)('compliance checker on the KuaiRec captions', () => {
  it('reads every video, places every hit exactly on the words it matched, and reports the hit rate by category', () => {
    // Four captions hold a bare \r inside the field: the parser keeps it inside (quoted or not, it is not a row end here).
    const rows = parseCsv(readFileSync(join(kuairec!, 'kuairec_caption_category.csv'), 'utf8').replace(/\r(?!\n)/g, ' ')).slice(1);
    expect(rows.filter((r) => !r.error && r.fields.length === 10).length).toBe(10_728);
    const service = new ComplianceService({ listsDir: dataDir() });
    const byCategory = new Map<Category, number>();
    const textsWith = new Map<Category, Set<string>>();
    let texts = 0;
    for (const r of rows) {
      for (const text of [r.fields[1], r.fields[2]]) {
        if (!text || text === 'UNKNOWN') continue;
        texts++;
        for (const h of service.check(text).hits) {
          // The reported span is the merchant's own text, and it normalises to the listed term.
          expect(text.slice(h.start, h.end)).toBe(h.text);
          expect(normalizeText(h.text).text.length).toBeGreaterThan(0);
          // The allow-list held: a lone 最 is never reported where 最近 / 最后 was written.
          if (h.term === '最') expect(['近', '后', '终', '初'].includes(text[h.end] ?? '')).toBe(false);
          byCategory.set(h.category, (byCategory.get(h.category) ?? 0) + 1);
          const set = textsWith.get(h.category) ?? new Set<string>();
          set.add(`${r.fields[0]}:${text === r.fields[1] ? 'cover' : 'caption'}`);
          textsWith.set(h.category, set);
        }
      }
    }
    const table = [...byCategory].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c.padEnd(18)} ${String(n).padStart(6)} hits  ${(100 * textsWith.get(c)!.size / texts).toFixed(2)} % of texts`);
    console.info(`KuaiRec: ${texts} texts (captions + cover texts)\n${table.join('\n')}`);
    expect(texts).toBeGreaterThan(10_000);
    // Short video copy uses absolute terms: the checker must find some, and must not flag most texts.
    expect(byCategory.get('absolute') ?? 0).toBeGreaterThan(0);
    for (const set of textsWith.values()) expect(set.size / texts).toBeLessThan(0.25);
  });
});
