import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import { ParseFailure } from '../modules/events/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's text as received (after gzip decoding). */
    rawBody?: string;
  }
}

/**
 * Request-body handling for ingestion: gzip decoding (the body limit applies to the decoded size),
 * JSON (an array, one object, or `{ "batch": [...] }`) and NDJSON (one object per line; a malformed
 * line becomes a per-item failure and the other lines go on).
 */
export function registerBodyParsers(server: FastifyInstance): void {
  server.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw new AppError('api_bad_encoding', `Content-Encoding ${encoding} is not supported; use gzip or none`);
    const gunzip = createGunzip() as unknown as Readable & { receivedEncodedLength: number };
    gunzip.receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => { gunzip.receivedEncodedLength += chunk.length; });
    gunzip.on('error', () => undefined);
    payload.pipe(gunzip as unknown as NodeJS.WritableStream);
    return gunzip;
  });

  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    // Signed callbacks are checked over the exact text received.
    req.rawBody = text;
    if (text.trim() === '') { done(new AppError('api_malformed_body', 'request body is empty'), undefined); return; }
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new AppError('api_malformed_body', `body is not valid JSON: ${(err as Error).message}`, { cause: err }), undefined);
    }
  });
  server.addContentTypeParser(['application/x-ndjson', 'application/ndjson', 'application/jsonl'], { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseNdjson(String(body)));
  });
}

/** Parses NDJSON; blank lines are skipped, malformed lines become ParseFailure items in place. */
export function parseNdjson(text: string): unknown[] {
  const items: unknown[] = [];
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    try {
      items.push(JSON.parse(trimmed));
    } catch (err) {
      items.push(new ParseFailure('events_malformed_line', `line ${lineNo}: ${(err as Error).message}`));
    }
  }
  return items;
}

/** Turns a parsed JSON body into the list of batch items. */
export function batchItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object' && Array.isArray((body as { batch?: unknown }).batch)) return (body as { batch: unknown[] }).batch;
  if (body !== null && typeof body === 'object') return [body];
  throw new AppError('api_malformed_body', 'body must be a JSON array of events, an event object, or { "batch": [...] }');
}
