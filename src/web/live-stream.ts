import { ApiError, errorOf, withQuery } from './api.js';
import type { AlertView, LiveMinute, LiveSnapshot } from './api-types.js';
import { authHeaders } from './session.js';
import { createSseParser } from './sse-parser.js';

/** What the live stream reports to the live board. */
export interface LiveHandlers {
  snapshot(s: LiveSnapshot): void;
  minute(m: LiveMinute): void;
  alert(a: AlertView): void;
  /** Connection state: `connecting`, `live` (a snapshot arrived), or `waiting` `retryMs` before reconnecting. */
  status(state: 'connecting' | 'live' | 'waiting', retryMs?: number): void;
  /** A failed connection; `final` when it is not retried (the key was refused, or the request is wrong). */
  error(error: unknown, final: boolean): void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** Whether a failed response is worth retrying: server trouble and rate limits, not a wrong request. */
function retryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status >= 500 || err.status === 408 || err.status === 429;
}

/**
 * Follows `GET /v1/live/stream?scope=&minutes=` until `signal` aborts: reads the `text/event-stream`
 * body with fetch (the key goes in the Authorization header, which EventSource cannot send), hands
 * each `snapshot`, `minute` and `alert` event to `handlers`, and reconnects with exponential backoff
 * (1 s doubling to 30 s, back to 1 s after a snapshot) when the stream ends or fails.
 */
export async function followLiveStream(scope: string, minutes: number, signal: AbortSignal, handlers: LiveHandlers): Promise<void> {
  let retryMs = FIRST_RETRY_MS;
  while (!signal.aborted) {
    handlers.status('connecting');
    try {
      const res = await fetch(withQuery('/v1/live/stream', { scope, minutes }), { headers: { accept: 'text/event-stream', ...authHeaders() }, signal, cache: 'no-store' });
      if (!res.ok || !res.body) throw await errorOf(res);
      const parser = createSseParser(({ event, data }) => {
        if (event === 'snapshot') { retryMs = FIRST_RETRY_MS; handlers.snapshot(JSON.parse(data) as LiveSnapshot); handlers.status('live'); }
        else if (event === 'minute') handlers.minute(JSON.parse(data) as LiveMinute);
        else if (event === 'alert') handlers.alert(JSON.parse(data) as AlertView);
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch (err) {
      if (signal.aborted) return;
      const final = !retryable(err);
      handlers.error(err, final);
      if (final) return;
    }
    if (signal.aborted) return;
    handlers.status('waiting', retryMs);
    await sleep(retryMs, signal);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
