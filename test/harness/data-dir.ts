import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The folder of the real public datasets: REELPATH_DATA_DIR, default ../shared/data beside the repo.
 * Tests call `dataset('rees46-ecommerce-sample')` and skip with a clear message when it is absent.
 */
export function dataDir(): string {
  return resolve(process.env.REELPATH_DATA_DIR ?? resolve(import.meta.dirname, '../../../shared/data'));
}

/** Path of one dataset folder, or undefined (with a console note) when it is not there. */
export function dataset(name: string): string | undefined {
  const dir = resolve(dataDir(), name);
  if (existsSync(dir)) return dir;
  console.warn(`[skip] dataset ${name} not found in ${dataDir()} — set REELPATH_DATA_DIR to the folder of the shared datasets`);
  return undefined;
}
