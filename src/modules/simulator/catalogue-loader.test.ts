import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../../test/harness/data-dir.js';
import { loadCatalogue } from './catalogue-loader.js';
import { buildWorld, WORLD_SIZE } from './domain/world.js';

const kuairec = dataset('kuairec-caption-category');

describe('loadCatalogue', () => {
  it.skipIf(kuairec === undefined)('reads the real KuaiRec captions: 10,728 videos, \\r-captions as one record', async () => {
    const { catalogue, fromDataset } = await loadCatalogue(kuairec);
    expect(fromDataset).toBe(true);
    const ids = new Set(catalogue.entries.map((e) => e.sourceId));
    expect(ids.size).toBe(10_728);
    expect(catalogue.entries).toHaveLength(10_728);
    const withCr = catalogue.entries.filter((e) => e.caption?.includes('\r'));
    expect(withCr.map((e) => e.sourceId).sort()).toEqual(['1378', '1613', '5910', '6331']);
    const e1378 = catalogue.entries.find((e) => e.sourceId === '1378');
    expect(e1378?.category).toBe('明星娱乐');
    expect(e1378?.tags).toEqual([]);
    expect(catalogue.entries.filter((e) => e.category === undefined)).toHaveLength(40);
    const world = buildWorld(1, catalogue);
    expect(new Set(world.videos.map((v) => v.sourceId)).size).toBe(WORLD_SIZE.videos);
  });

  it.skipIf(kuairec === undefined)('also accepts the shared data folder that contains the dataset folder', async () => {
    const { fromDataset } = await loadCatalogue(join(kuairec ?? '', '..'));
    expect(fromDataset).toBe(true);
  });

  it('falls back to the built-in catalogue when the dataset is absent, and says so', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'reelpath-sim-'));
    try {
      for (const dir of [undefined, empty, join(empty, 'missing')]) {
        const { catalogue, fromDataset } = await loadCatalogue(dir);
        expect(fromDataset).toBe(false);
        expect(catalogue.entries.length).toBe(30);
      }
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});
