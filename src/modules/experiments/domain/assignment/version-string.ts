/**
 * Version strings made comparable as plain strings, for the `$veq … $vlte` condition operators.
 * Same ordering as GrowthBook's SDKs (so a condition means the same here as in any GrowthBook SDK).
 */

/** Numeric identifiers are left-padded to this width so that '10' sorts after ' 9'. */
const NUMERIC_WIDTH = 5;
/** Appended to releases without a prerelease part: '~' sorts after every prerelease identifier. */
const RELEASE_MARK = '~';

/**
 * A string whose code-unit order is the version order of `input`: a leading `v` and any `+build`
 * suffix are dropped; dots and dashes both separate identifiers; numeric identifiers are padded to
 * 5 characters (versions with numbers of 6+ digits compare as text); a plain `x.y.z` gets a `~`
 * marker so that it sorts after its prereleases (`1.0.0-rc.1` < `1.0.0`). Non-strings (other than
 * numbers) and empty strings count as version '0'.
 * @example encodeVersion('v1.2.3+build') === encodeVersion('1.2.3')
 */
export function encodeVersion(input: unknown): string {
  const raw = typeof input === 'number' ? String(input) : typeof input === 'string' && input !== '' ? input : '0';
  const parts = raw.replace(/^v|\+.*$/g, '').split(/[-.]/);
  if (parts.length === 3) parts.push(RELEASE_MARK);
  return parts.map((p) => (/^[0-9]+$/.test(p) ? p.padStart(NUMERIC_WIDTH, ' ') : p)).join('-');
}
