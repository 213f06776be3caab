import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser.js';

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  return events;
}

describe('createSseParser', () => {
  it('reads named events and skips comment lines', () => {
    expect(parse([': ping\n\nevent: snapshot\ndata: {"a":1}\n\nevent: minute\ndata: {"b":2}\n\n'])).toEqual([
      { event: 'snapshot', data: '{"a":1}' },
      { event: 'minute', data: '{"b":2}' },
    ]);
  });

  it('joins data lines, defaults the name to message and drops events without data', () => {
    expect(parse(['data: one\ndata:two\n\nevent: empty\n\n'])).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('assembles events split anywhere across chunks, CRLF included', () => {
    const text = 'event: alert\r\ndata: {"id":"alt_1"}\r\n\r\nevent: minute\rdata: x\r\r\n';
    const whole = parse([text]);
    expect(whole).toEqual([{ event: 'alert', data: '{"id":"alt_1"}' }, { event: 'minute', data: 'x' }]);
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(parse(text.split(''))).toEqual(whole);
  });

  it('keeps an event whose blank line has not arrived yet until it does', () => {
    const events: SseEvent[] = [];
    const parser = createSseParser((e) => events.push(e));
    parser.push('event: minute\ndata: 1\n');
    expect(events).toEqual([]);
    parser.push('\n');
    expect(events).toEqual([{ event: 'minute', data: '1' }]);
  });
});
