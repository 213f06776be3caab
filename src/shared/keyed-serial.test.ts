import { describe, expect, it } from 'vitest';
import { KeyedSerial } from './keyed-serial.js';

describe('KeyedSerial', () => {
  it('serialises tasks of one key, runs other keys beside them, survives failures and forgets idle keys', async () => {
    const k = new KeyedSerial();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => { log.push(`${name}>`); await new Promise((r) => setTimeout(r, ms)); log.push(`<${name}`); if (fail) throw new Error(name); return name; };
    const a1 = k.run('a', task('a1', 20, true));
    const a2 = k.run('a', task('a2', 1));
    const b1 = k.run('b', task('b1', 1));
    await expect(a1).rejects.toThrow('a1');
    expect(await a2).toBe('a2');
    expect(await b1).toBe('b1');
    expect(log.indexOf('<a1')).toBeLessThan(log.indexOf('a2>'));
    expect(log.indexOf('<b1')).toBeLessThan(log.indexOf('<a1'));
    await new Promise((r) => setTimeout(r, 0));
    expect(k.size).toBe(0);
  });
});
