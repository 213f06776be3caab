/**
 * GrowthBook's query-string force: `?<experiment key>=<variation index>` in the page URL forces a
 * variation (for QA links). Only applied when the caller passes a URL in the assignment context.
 */

/**
 * The variation index forced by `?key=N` in `url`, or null when absent, not an integer prefix, or
 * outside [0, numVariations). Reads the query between the first `?` and the next `?` or `#`; the first
 * occurrence of the key wins; the value is read like `parseInt(v, 10)` ('2.054' → 2).
 * @example getQueryStringOverride('my-test', 'https://x.test/?foo=bar&my-test=1#top', 2) === 1
 */
export function getQueryStringOverride(key: string, url: string, numVariations: number): number | null {
  const start = url.indexOf('?');
  if (start === -1) return null;
  let end = url.length;
  const nextQuestion = url.indexOf('?', start + 1);
  if (nextQuestion !== -1) end = nextQuestion;
  const hash = url.indexOf('#', start + 1);
  if (hash !== -1 && hash < end) end = hash;
  for (const pair of url.slice(start + 1, end).split('&')) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (name !== key) continue;
    const variation = Number.parseInt(eq === -1 ? '' : pair.slice(eq + 1), 10);
    return variation >= 0 && variation < numVariations ? variation : null;
  }
  return null;
}
