import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the snippet is: beside this file when run from source, under src/ when run from dist/ (tsc does not copy .js). */
const CANDIDATES = [new URL('./reelpath-ab.js', import.meta.url), new URL('../../../../../src/modules/experiments/snippet/reelpath-ab.js', import.meta.url)];

let cached: string | undefined;

/** The browser / mini-program snippet's source (read once). */
export function readSnippetSource(): string {
  if (cached !== undefined) return cached;
  const file = CANDIDATES.map((u) => fileURLToPath(u)).find((p) => existsSync(p));
  if (file === undefined) throw new Error('reelpath-ab.js not found beside the experiments module: reinstall from a full clone');
  cached = readFileSync(file, 'utf8');
  return cached;
}
