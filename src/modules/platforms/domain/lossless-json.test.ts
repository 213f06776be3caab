import { describe, expect, it } from 'vitest';
import { parseJsonPreservingBigIntegers } from './lossless-json.js';

describe('parseJsonPreservingBigIntegers', () => {
  it('keeps integers beyond 2^53 as exact digit strings and leaves safe numbers alone', () => {
    const parsed = parseJsonPreservingBigIntegers('{"p_id":4818592523813466123,"n":[9007199254740991,-9007199254740993],"f":1.5e3,"x":12}');
    expect(parsed).toEqual({ ok: true, value: { p_id: '4818592523813466123', n: [9007199254740991, '-9007199254740993'], f: 1500, x: 12 } });
  });

  it('does not touch digits inside strings, including escaped quotes', () => {
    const parsed = parseJsonPreservingBigIntegers('{"a":"id 4818592523813466123 \\" 4818592523813466124","b":4818592523813466125}');
    expect(parsed).toEqual({ ok: true, value: { a: 'id 4818592523813466123 " 4818592523813466124', b: '4818592523813466125' } });
  });

  it('reports invalid JSON as a reason, never throws', () => {
    const parsed = parseJsonPreservingBigIntegers('{"a":');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/^not valid JSON/);
  });
});
