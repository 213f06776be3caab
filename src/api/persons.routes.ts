import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import { newId } from '../shared/ids.js';
import type { App } from '../app/app.js';
import { erasePerson } from '../flows/erase-person.flow.js';
import { parseIdentityKey } from '../modules/events/index.js';
import { principalOf, requireKey } from './auth.js';

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

function checkKeys(keys: unknown): string[] {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || !parseIdentityKey(k))) {
    throw new AppError('identity_invalid_link', 'identifiers must be identity keys such as anon:abc, openid:douyin:xyz, buyer:kuaishou:123, user:42');
  }
  return keys as string[];
}

/** Identity (identify/alias/lookup), consent and erasure. */
export function registerPersonRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');

  server.post<{ Body: { identifiers: unknown } }>('/v1/identify', {
    preHandler: secret,
    schema: { summary: 'Link identifiers explicitly (identify/alias); answers the personId', tags: ['identity'],
      body: { type: 'object', properties: { identifiers: { type: 'array', items: { type: 'string' } } }, required: ['identifiers'] } },
  }, async (request) => {
    const tenant = principalOf(request).tenant.id;
    const personId = await app.identity.link(tenant, checkKeys(request.body.identifiers), 'identify', newId('api', app.clock.now()));
    return { personId };
  });

  server.get<{ Querystring: { key: string } }>('/v1/persons', {
    preHandler: secret,
    schema: { summary: 'Resolve an identity key to its person', tags: ['identity'],
      querystring: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] } },
  }, async (request) => {
    const tenant = principalOf(request).tenant.id;
    const personId = await app.identity.personOf(tenant, request.query.key);
    if (!personId) throw new AppError('identity_person_not_found', `no person has key ${request.query.key}`);
    return app.identity.getPerson(tenant, personId);
  });

  server.get<{ Params: { id: string } }>('/v1/persons/:id', {
    preHandler: secret, schema: { summary: 'A person: keys, merge history with evidence, consent', tags: ['identity'], params: idParams },
  }, async (request) => {
    const tenant = principalOf(request).tenant.id;
    const person = await app.identity.getPerson(tenant, request.params.id);
    return { ...person, consent: await app.consent.stateOf(tenant, person.keys) };
  });

  server.get<{ Params: { id: string } }>('/v1/persons/:id/events', {
    preHandler: secret, schema: { summary: 'A person\'s events, newest first', tags: ['identity'], params: idParams },
  }, async (request) => {
    const tenant = principalOf(request).tenant.id;
    const person = await app.identity.getPerson(tenant, request.params.id);
    return { events: await app.events.listByIdentity(tenant, person.keys, 500) };
  });

  server.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/v1/persons/:id/consent', {
    preHandler: secret,
    schema: { summary: 'Record consent per purpose (analytics, personalization, marketing)', tags: ['privacy'], params: idParams,
      body: { type: 'object', additionalProperties: { type: 'boolean' } } },
  }, async (request) => {
    const tenant = principalOf(request).tenant.id;
    const person = await app.identity.getPerson(tenant, request.params.id);
    // Keys come strongest first: the decision attaches to the person's most durable identifier.
    await app.consent.recordFromApi(tenant, person.keys[0] as string, request.body);
    return { personId: person.personId, consent: await app.consent.stateOf(tenant, person.keys) };
  });

  server.delete<{ Params: { id: string } }>('/v1/persons/:id', {
    preHandler: secret, schema: { summary: 'Erase a person everywhere; answers what was erased', tags: ['privacy'], params: idParams },
  }, async (request) => erasePerson(app, principalOf(request).tenant.id, request.params.id));
}
