import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import { PeriodicTask } from './periodic-task.js';

async function ticks(count: () => number, atLeast: number): Promise<void> {
  for (let i = 0; i < 200 && count() < atLeast; i += 1) {
    await new Promise(r => setTimeout(r, 5));
  }
}

describe('PeriodicTask', () => {
  it('keeps ticking after failures and turns unhealthy after three failed intervals', async () => {
    let now = 0;
    let calls = 0;
    let failing = true;
    const task = new PeriodicTask({
      name: 'scan',
      intervalMs: 1,
      clock: () => now,
      logger: silentLogger,
      tick: async () => {
        calls += 1;
        if (failing) {
          throw new Error('redis down');
        }
      },
    });
    task.start();
    await ticks(() => calls, 3);
    expect(task.health()).toEqual({ ok: true, lastSuccessAt: null, lastError: 'redis down' });
    now = 3;
    expect(task.health().ok).toBe(false);
    failing = false;
    const before = calls;
    await ticks(() => calls, before + 2);
    await task.stop();
    expect(task.health()).toEqual({ ok: true, lastSuccessAt: 3, lastError: null });
  });
});
