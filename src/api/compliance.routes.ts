import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { AppError } from '../shared/errors/index.js';
import { requireKey } from './auth.js';

const MAX_TEXTS = 500;

/** Compliance checking over HTTP: one text, or a batch with one result per text. */
export function registerComplianceRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');

  server.post<{ Body: { text?: unknown; texts?: unknown } }>('/v1/compliance/check', {
    preHandler: secret,
    schema: { summary: 'Check a title, script, caption or comment (`text`) or up to 500 (`texts`): every hit with position, term, category, severity, the rule it breaks and rewrites; the lists used with their SHA-256', tags: ['compliance'], body: { type: 'object' } },
  }, async (request) => {
    const body = request.body ?? {};
    if (Array.isArray(body.texts)) {
      if (body.texts.length === 0 || body.texts.length > MAX_TEXTS) throw new AppError('compliance_invalid_text', `texts: 1–${MAX_TEXTS} texts`, { details: { count: body.texts.length } });
      // A bad text answers its own error; the others are still checked.
      const results = body.texts.map((t, index) => {
        try {
          return { index, hits: app.compliance.check(t).hits };
        } catch (err) {
          if (err instanceof AppError) return { index, error: { code: err.code, message: err.message } };
          throw err;
        }
      });
      return { results, lists: app.compliance.lists() };
    }
    return app.compliance.check(body.text);
  });
}
