import { importEventId } from '../import-id.js';
import { rejectRow, type MapOutcome, type WireEvent } from './format-types.js';

/**
 * Maps one NDJSON line: the parsed object is the wire event as written (typed JSON needs no
 * conversion); a missing eventId is synthesised as `ndjson_<line>_<hash of the line>`.
 * A line that is not JSON is `events_malformed_line`; JSON that is not an object is `events_not_object`.
 */
export function mapNdjsonLine(text: string, line: number): MapOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rejectRow('events_malformed_line', `line ${line} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return rejectRow('events_not_object', `line ${line} is not a JSON object`);
  const event = value as WireEvent;
  if (event.eventId === undefined || event.eventId === null || event.eventId === '') {
    event.eventId = importEventId('ndjson', line, [text]);
  }
  return { ok: true, event };
}
