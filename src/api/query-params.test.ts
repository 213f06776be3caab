import { describe, expect, it } from 'vitest';
import { timeParam } from './query-params.js';

describe('timeParam', () => {
  it('reads epoch ms and ISO-8601, a time without a zone as UTC (as the CLI does), whatever the server zone', () => {
    expect(timeParam('from', '1700000000000')).toBe(1_700_000_000_000);
    expect(timeParam('from', '2024-01-01T10:00:00')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(timeParam('from', '2024-01-01T10:00:00+08:00')).toBe(Date.UTC(2024, 0, 1, 2));
    expect(timeParam('from', undefined)).toBeUndefined();
  });

  it('refuses loose text with api_invalid_request', () => {
    expect(() => timeParam('from', 'Jan 1 2024')).toThrow(expect.objectContaining({ code: 'api_invalid_request' }));
  });
});
