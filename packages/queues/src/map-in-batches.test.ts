import { describe, expect, it } from 'vitest';
import { mapInBatches } from './map-in-batches.js';

describe('mapInBatches', () => {
  it('keeps the order and never runs more than the batch size at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapInBatches([5, 1, 4, 2, 3], 2, async n => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise(resolve => setImmediate(resolve));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('maps nothing to nothing', async () => {
    expect(await mapInBatches([], 3, async () => 1)).toEqual([]);
  });
});
