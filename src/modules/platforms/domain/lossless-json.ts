/** Outcome of parsing JSON text: the value, or a reason. */
export type JsonParseOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

// A JSON string literal (kept as is) or a JSON number literal (inspected).
const TOKEN_RE = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const INTEGER_RE = /^-?\d+$/;

/**
 * Parses JSON text like `JSON.parse`, except that integer literals beyond ±(2^53 − 1) become strings of
 * their exact digits instead of silently rounded numbers. Douyin, WeChat Channels and TikTok order ids
 * are 19-digit integers in some messages; `JSON.parse` would turn 4818592523813466123 into
 * 4818592523813466000 and break deduplication and joins.
 * @example parseJsonPreservingBigIntegers('{"p_id":4818592523813466123}') // value { p_id: '4818592523813466123' }
 */
export function parseJsonPreservingBigIntegers(text: string): JsonParseOutcome {
  const guarded = text.replace(TOKEN_RE, (token) => {
    if (token.startsWith('"') || !INTEGER_RE.test(token)) return token;
    return Number.isSafeInteger(Number(token)) ? token : `"${token}"`;
  });
  try {
    return { ok: true, value: JSON.parse(guarded) as unknown };
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
