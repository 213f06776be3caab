import { describe, expect, it } from 'vitest';
import { FieldReader, openMessage } from './field-reader.js';

const reader = (value: unknown): FieldReader => {
  const r = FieldReader.of(value, '');
  if (r === undefined) throw new Error('not an object');
  return r;
};

describe('FieldReader', () => {
  it('reads ids from strings and safe integers, and refuses rounded ones', () => {
    const r = reader({ a: ' 42 ', b: 42, c: 4818592523813466000, d: 0, e: true });
    expect([r.id('a'), r.id('b'), r.id('c'), r.optionalId('d'), r.optionalId('e'), r.optionalId('missing')]).toEqual(['42', '42', undefined, undefined, undefined, undefined]);
    expect(r.issues).toEqual(['c (4818592523813466000) exceeds 2^53 and lost precision in JSON parsing; pass the raw body text', 'e must be a string or integer id']);
  });

  it('converts seconds and milliseconds to epoch ms and rejects the wrong unit', () => {
    const r = reader({ s: 1731326712, ms: 1731328312425, sText: '1731326712', zero: 0 });
    expect([r.seconds('s'), r.millis('ms'), r.seconds('sText'), r.optionalSeconds('zero')]).toEqual([1731326712000, 1731328312425, 1731326712000, undefined]);
    expect(r.clean).toBe(true);
    expect([r.seconds('ms'), r.millis('s'), r.seconds('zero')]).toEqual([undefined, undefined, undefined]);
    expect(r.issues).toEqual([
      'ms (1731328312425) is not a plausible Unix timestamp in seconds',
      's (1731326712) is not a plausible Unix timestamp in ms',
      'zero is required',
    ]);
  });

  it('names nested paths, including list indexes and embedded JSON strings', () => {
    const r = reader({ data: '{"list":[{"n":1},{"n":"x"}]}', obj: 'str' });
    const data = r.embedded('data');
    expect(data?.list('list').map((item) => item.int('n'))).toEqual([1, undefined]);
    r.optionalChild('obj');
    expect(r.reason()).toBe('data.list[1].n must be a non-negative integer; obj must be an object');
  });

  it('opens raw text with big integers preserved and refuses non-objects', () => {
    const opened = openMessage('{"order_id":3705115058471208928}');
    expect('reader' in opened && opened.reader.id('order_id')).toBe('3705115058471208928');
    expect(openMessage('[1]')).toEqual({ reason: 'message must be a JSON object' });
  });
});
