import { createServer } from 'node:http';
import { SIGNATURE_HEADERS, verifyBody } from '../../src/modules/notifications/index.js';

/** One delivery as a receiver saw it: the parsed body, whether its signature verified, when it arrived. */
export interface ReceivedHook<T = unknown> { readonly kind: string; readonly data: T; readonly verified: boolean; readonly receivedAt: number }

/**
 * A real HTTP webhook receiver on loopback that verifies each delivery's signature with `secret()` (read
 * when a delivery arrives, so it may be set after the endpoint is registered) against the wall clock.
 */
export async function startWebhookReceiver<T = unknown>(secret: () => string, onHook: (hook: ReceivedHook<T>) => void = () => {}): Promise<{ url: string; received: ReceivedHook<T>[]; close(): Promise<void> }> {
  const received: ReceivedHook<T>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { [SIGNATURE_HEADERS.timestamp]: String(req.headers[SIGNATURE_HEADERS.timestamp]), [SIGNATURE_HEADERS.signature]: String(req.headers[SIGNATURE_HEADERS.signature]) };
      const parsed = JSON.parse(body) as { kind: string; data: T };
      const hook = { kind: parsed.kind, data: parsed.data, verified: verifyBody(secret(), headers, body, Date.now()).ok, receivedAt: Date.now() };
      received.push(hook);
      onHook(hook);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
