import { describe, expect, it } from 'vitest';
import { classifyLayer, DEFAULT_LAYER_RULES, formatLayerRules, parseLayerRules } from './rfm-layers.js';
import { renderMembersCsv } from './members-csv.js';
import { LAYER_STRATEGIES } from './layer-strategies.js';

describe('layer rules', () => {
  it('default rules: boundaries of each layer, first match wins', () => {
    const layer = (r: number, f: number, m: number): string => classifyLayer({ r, f, m }, DEFAULT_LAYER_RULES);
    expect(layer(3, 4, 1)).toBe('loyal');
    expect(layer(2, 5, 5)).toBe('at_risk'); // frequent but quiet
    expect(layer(5, 5, 5)).toBe('loyal');
    expect(layer(4, 2, 3)).toBe('high_potential_new');
    expect(layer(4, 2, 2)).toBe('other'); // recent, few orders, low spend
    expect(layer(3, 2, 5)).toBe('other'); // neither recent enough for new nor quiet enough for dormant
    expect(layer(4, 3, 5)).toBe('other');
    expect(layer(2, 3, 1)).toBe('at_risk');
    expect(layer(1, 2, 5)).toBe('dormant');
    expect(layer(2, 1, 1)).toBe('dormant');
  });

  it('parses and formats the text form; order is priority', () => {
    expect(formatLayerRules(DEFAULT_LAYER_RULES)).toBe('loyal:R3-5,F4-5;high_potential_new:R4-5,F1-2,M3-5;at_risk:R1-2,F3-5;dormant:R1-2,F1-2');
    const parsed = parseLayerRules(formatLayerRules(DEFAULT_LAYER_RULES), 5);
    expect(parsed).toEqual({ ok: true, rules: DEFAULT_LAYER_RULES.map((r) => ({ ...r })) });
    const custom = parseLayerRules('dormant:r1; loyal:F3-3,M2-3', 3);
    expect(custom).toEqual({ ok: true, rules: [{ layer: 'dormant', r: [1, 1] }, { layer: 'loyal', f: [3, 3], m: [2, 3] }] });
    if (custom.ok) expect(classifyLayer({ r: 1, f: 3, m: 3 }, custom.rules)).toBe('dormant');
  });

  it('refuses unknown layers, repeated terms and ranges outside 1..k', () => {
    const reason = (text: string, k = 5): string => { const p = parseLayerRules(text, k); return p.ok ? 'ok' : p.reason; };
    expect(reason('vip:R5')).toContain('unknown layer vip');
    expect(reason('loyal:R5;loyal:F5')).toContain('twice');
    expect(reason('loyal:R4-6')).toContain('within 1-5');
    expect(reason('loyal:R5-4')).toContain('min ≤ max');
    expect(reason('loyal:X3')).toContain('not like');
    expect(reason(' ; ')).toBe('no rules given');
  });

  it('every layer has bilingual names and strategies; at_risk is decided', () => {
    for (const s of Object.values(LAYER_STRATEGIES)) for (const text of Object.values(s)) expect(text.length).toBeGreaterThan(1);
    expect(LAYER_STRATEGIES.high_potential_new.headlineZh).toBe('价值+场景内容');
    expect(LAYER_STRATEGIES.loyal.headlineZh).toBe('新品+会员权益');
    expect(LAYER_STRATEGIES.dormant.headlineZh).toBe('限时优惠+情感召回');
  });

  it('CSV quotes fields with commas and quotes, CRLF line ends', () => {
    const csv = renderMembersCsv([{ personId: 'p,"1"', layer: 'loyal', r: 5, f: 4, m: 3, recencyDays: 2, frequency: 6, monetary: -150, lastOrderAt: '2024-01-01T00:00:00.000Z' }]);
    expect(csv).toBe('personId,layer,r,f,m,recencyDays,frequency,monetary,lastOrderAt\r\n"p,""1""",loyal,5,4,3,2,6,-150,2024-01-01T00:00:00.000Z\r\n');
  });
});
