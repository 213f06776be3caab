import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueFromCaptionCsv } from './caption-csv.js';
import type { Catalogue } from './domain/catalogue.js';
import { fallbackCatalogue } from './domain/fallback-catalogue.js';

/** File name of the KuaiRec captions inside the `kuairec-caption-category` dataset folder. */
export const CAPTION_FILE = 'kuairec_caption_category.csv';

/**
 * Loads the simulator catalogue: the real KuaiRec captions when `dataDir` holds them, else the
 * built-in 30-title fallback (`fromDataset: false`). `dataDir` may be the shared data folder (with a
 * `kuairec-caption-category/` subfolder) or that subfolder itself. Only a missing file falls back;
 * an unreadable or malformed file throws.
 * @example const { catalogue, fromDataset } = await loadCatalogue(process.env.REELPATH_DATA_DIR);
 */
export async function loadCatalogue(dataDir: string | undefined): Promise<{ catalogue: Catalogue; fromDataset: boolean }> {
  if (dataDir !== undefined) {
    for (const path of [join(dataDir, 'kuairec-caption-category', CAPTION_FILE), join(dataDir, CAPTION_FILE)]) {
      const text = await readIfPresent(path);
      if (text !== undefined) return { catalogue: catalogueFromCaptionCsv(text), fromDataset: true };
    }
  }
  return { catalogue: fallbackCatalogue(), fromDataset: false };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
