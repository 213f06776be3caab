import {
  CONSENT_PURPOSES, EVENT_NAMES, IDENTITY_FIELDS, INTEGER_FIELDS, PERSONAL_FIELDS, PLATFORMS, REQUIRED_BY_NAME,
  SCHEMA_VERSION, STRING_FIELDS,
} from './event-model.js';

/**
 * Exports the canonical event model (wire form) as a JSON Schema (draft 2020-12), generated from the
 * same tables the validator uses so the two cannot drift.
 */
export function buildEventJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    eventId: { type: 'string', minLength: 1, maxLength: 256, description: 'Idempotency key: one stored copy per tenant and eventId.' },
    name: { enum: [...EVENT_NAMES], description: 'Canonical event name (the eight funnel nodes first).' },
    platform: { enum: [...PLATFORMS] },
    ts: { oneOf: [{ type: 'integer', description: 'UTC epoch ms' }, { type: 'string', format: 'date-time' }] },
    tenant: { type: 'string', description: 'Optional; must equal the tenant of the API key.' },
    schemaVersion: { const: SCHEMA_VERSION },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO-4217 code; required with amount.' },
    consent: { type: 'object', propertyNames: { enum: [...CONSENT_PURPOSES] }, additionalProperties: { type: 'boolean' } },
    properties: { type: 'object', description: 'Free-form properties; unknown top-level fields are moved here.' },
  };
  for (const f of [...IDENTITY_FIELDS, ...STRING_FIELDS]) properties[f] = { type: 'string', minLength: 1, maxLength: 256 };
  for (const f of INTEGER_FIELDS) {
    properties[f] = f === 'amount'
      ? { type: 'integer', description: 'Money in integer minor units (fen).' }
      : { type: 'integer', minimum: 0 };
  }
  for (const f of PERSONAL_FIELDS) {
    properties[f] = { type: 'string', description: 'Personal data: hashed with the tenant key at the edge (HMAC-SHA256), never stored raw.' };
  }
  const allOf = Object.entries(REQUIRED_BY_NAME).map(([name, required]) => ({
    if: { properties: { name: { const: name } } },
    then: { required },
  }));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://reelpath.dev/schema/event/v${SCHEMA_VERSION}.json`,
    title: `Reelpath canonical event v${SCHEMA_VERSION}`,
    type: 'object',
    required: ['eventId', 'name', 'platform', 'ts'],
    properties,
    anyOf: [...IDENTITY_FIELDS, 'phone', 'mobile'].map((f) => ({ required: [f] })),
    allOf,
    additionalProperties: true,
  };
}
