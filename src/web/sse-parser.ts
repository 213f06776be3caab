/** One server-sent event: its `event:` name (`message` when none) and its data lines joined by `\n`. */
export interface SseEvent { event: string; data: string }

/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML, "server-sent events"), for
 * streams read with `fetch` — EventSource cannot send the Authorization header. Feed it decoded text in
 * chunks of any size; it calls `onEvent` for each complete event. Comment lines (`: ping`) are skipped,
 * `id:` and `retry:` are ignored, an event without data is not dispatched.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): { push(text: string): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return {
    push(text: string) {
      buffer += text;
      // Lines end in \n, \r\n or \r; a trailing \r may be the first half of \r\n, so wait for more.
      for (;;) {
        const match = /\r\n|\n|\r/.exec(buffer);
        if (!match) return;
        if (match[0] === '\r' && match.index === buffer.length - 1) return;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
  };
}
