import { describe, expect, it } from 'vitest';
import { classifyPhone } from './phone-classifier.js';

describe('classifyPhone', () => {
  it('accepts plain numbers in common notations', () => {
    for (const raw of ['13800138000', '+86 138-0013-8000', '(+1)2135550147']) expect(classifyPhone(raw)).toEqual({ kind: 'plain', value: raw });
  });

  it('never passes masked values or ciphertext on as a phone', () => {
    expect(classifyPhone('138****8000')).toEqual({ kind: 'masked' });
    expect(classifyPhone('(+1)213*****47')).toEqual({ kind: 'masked' });
    expect(classifyPhone('$0NvR2kT7y8wQ1aZ5$')).toEqual({ kind: 'encrypted' });
    expect(classifyPhone('123')).toEqual({ kind: 'unrecognised' });
    expect(classifyPhone('')).toEqual({ kind: 'absent' });
    expect(classifyPhone(13800138000)).toEqual({ kind: 'absent' });
  });
});
