import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/index.js';
import { parsePathFile } from './path-file.js';

function errorOf(text: string): AppError {
  try {
    parsePathFile(text);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected parsePathFile to throw');
}

describe('parsePathFile', () => {
  it('reads every column, in any order, with quotes, CRLF, a BOM and blank lines', () => {
    const f = parsePathFile('\uFEFFtotal_null;path;total_conversions;total_conversion_value\r\n2;"A > B > A";3;45.5\r\n\r\n0;c1>c2;1;10\r\n');
    expect(f.hasValue).toBe(true);
    expect(f.journeys).toEqual([
      { touches: [{ channel: 'A' }, { channel: 'B' }, { channel: 'A' }], conversions: 3, value: 45.5, nulls: 2 },
      { touches: [{ channel: 'c1' }, { channel: 'c2' }], conversions: 1, value: 10, nulls: 0 },
    ]);
  });

  it('value and null columns are optional', () => {
    const f = parsePathFile('path;total_conversions\nA > A;1\n');
    expect(f.hasValue).toBe(false);
    expect(f.journeys).toEqual([{ touches: [{ channel: 'A' }, { channel: 'A' }], conversions: 1, value: 0, nulls: 0 }]);
  });

  it('attribution_path_file_empty: nothing, or a header without rows', () => {
    expect(errorOf('').code).toBe('attribution_path_file_empty');
    expect(errorOf('  \n\n').code).toBe('attribution_path_file_empty');
    expect(errorOf('path;total_conversions\n\n').code).toBe('attribution_path_file_empty');
  });

  it('attribution_path_file_header: a missing required, unknown or repeated column', () => {
    expect(errorOf('path;conversions\nA;1').code).toBe('attribution_path_file_header');
    expect(errorOf('A > B;1\nB;2').code).toBe('attribution_path_file_header');
    const unknown = errorOf('path;total_conversions;clicks\nA;1;2');
    expect(unknown.code).toBe('attribution_path_file_header');
    expect(unknown.details).toMatchObject({ unknown: ['clicks'] });
    expect(errorOf('path;total_conversions;path\nA;1;B').details).toMatchObject({ repeated: ['path'] });
  });

  it('attribution_path_file_row: lists each bad line with its reason', () => {
    const e = errorOf('path;total_conversions;total_null\nA > B;1;0\nA > > B;1;0\nA;-1;0\nB;x;0\nC;1\nD;1;0;9\nE;1;\n');
    expect(e.code).toBe('attribution_path_file_row');
    expect(e.status).toBe(400);
    const errors = (e.details as { errors: { line: number; reason: string }[] }).errors;
    expect(errors.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(errors[0]?.reason).toMatch(/empty channel/);
    expect(errors[1]?.reason).toMatch(/total_conversions "-1"/);
    expect(errors[3]?.reason).toMatch(/expected 3 columns/);
    expect(errors[5]?.reason).toMatch(/total_null ""/);
    expect(e.message).toMatch(/^6 bad row\(s\); line 3/);
  });
});
