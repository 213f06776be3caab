import type { CanonicalEvent } from '../../src/modules/events/domain/event-model.js';
import { toStored, type StoredEvent } from '../../src/modules/events/store/event-columns.js';

let counter = 0;

/** Builds a valid stored event with sensible defaults; override any field. */
export function aStoredEvent(overrides: Partial<CanonicalEvent> = {}): StoredEvent {
  counter++;
  const base: CanonicalEvent = {
    eventId: `evt_test_${counter}`, tenant: 't1', name: 'play', platform: 'douyin', ts: 1_700_000_000_000 + counter,
    receivedAt: 1_700_000_100_000, schemaVersion: 1, anonymousId: `anon_${counter % 7}`, properties: { source: 'builder' },
  };
  return toStored({ ...base, ...overrides } as CanonicalEvent);
}

/** Builds a raw wire-form event (what clients send). */
export function aWireEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return { eventId: `w_${counter}_${Math.floor(Math.random() * 1e9)}`, name: 'play', platform: 'douyin', ts: Date.now() - 60_000, anonymousId: `a${counter % 11}`, ...overrides };
}
