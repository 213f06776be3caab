import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';

const CLOSERS = new WeakMap<FastifyInstance, (() => void)[]>();

/**
 * Registers what ends a server's long-lived responses (server-sent event streams) when it starts closing,
 * before graceful close waits for requests in flight: a stream never ends by itself.
 */
export function onServerClosing(server: FastifyInstance, end: () => void): void {
  const closers = CLOSERS.get(server);
  if (!closers) throw new Error('registerGracefulClose(server) must run before onServerClosing');
  closers.push(end);
}

/**
 * Graceful close: once `server.close()` starts, new requests get 503 `api_shutting_down`, and close
 * resolves only after every request already in flight has answered and every route handler has settled.
 * Closing the stores after `server.close()` therefore never pulls them from under a request — also for
 * in-process `inject()` requests, which the HTTP server's own connection draining does not see.
 * Call before any route is registered (handlers are wrapped as routes are added).
 */
export function registerGracefulClose(server: FastifyInstance): void {
  const closers: (() => void)[] = [];
  CLOSERS.set(server, closers);
  let closing = false;
  let open = 0;
  let wakeUp: (() => void) | undefined;
  const release = (): void => {
    open--;
    if (open === 0) wakeUp?.();
  };

  server.addHook('onRequest', async (_request, reply) => {
    if (closing) throw new AppError('api_shutting_down', 'the server is shutting down; retry against a running instance');
    open++;
    // 'close' fires once the response is sent or the client has gone away, whichever comes first.
    reply.raw.once('close', release);
  });

  // A handler can outlive its request (the client aborted): keep the close waiting until it settles.
  server.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function trackedHandler(this: FastifyInstance, ...args: Parameters<typeof handler>) {
      const result: unknown = handler.apply(this, args);
      if (result instanceof Promise) {
        open++;
        result.then(release, release);
      }
      return result as ReturnType<typeof handler>;
    };
  });

  server.addHook('preClose', async () => {
    closing = true;
    for (const end of closers) end();
    if (open > 0) await new Promise<void>((resolve) => { wakeUp = resolve; });
  });
}
