import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { checkWorker, startWatchdog, type WatchedWorker } from './watchdog.js';

function worker(
  state: Partial<{ waiting: number; held: boolean; last: number; saturated: boolean }>,
): WatchedWorker {
  return {
    name: 'parse',
    waiting: async () => state.waiting ?? 0,
    held: async () => state.held ?? false,
    lastActivity: () => state.last ?? 0,
    saturated: () => state.saturated ?? false,
    restart: async () => undefined,
  };
}

describe('watchdog check', () => {
  it('restarts only after jobs waited a whole period with nothing consumed', async () => {
    const w = worker({ waiting: 3, last: 0 });
    const first = await checkWorker(w, null, 1_000, 5_000);
    expect(first).toEqual({ since: 1_000, restart: false });
    expect(await checkWorker(w, first.since, 6_000, 5_000)).toEqual({
      since: 1_000,
      restart: true,
    });
  });

  it('starts over when the worker consumed something meanwhile', async () => {
    const w = worker({ waiting: 3, last: 2_000 });
    expect(await checkWorker(w, 1_000, 6_000, 5_000)).toEqual({ since: 6_000, restart: false });
  });

  it('leaves alone an empty, busy, paused or rate-limited queue', async () => {
    for (const state of [
      { waiting: 0 },
      { waiting: 3, saturated: true },
      { waiting: 3, held: true },
    ]) {
      expect(await checkWorker(worker(state), 0, 60_000, 5_000)).toEqual({
        since: null,
        restart: false,
      });
    }
  });
});

describe('watchdog stop', () => {
  it('waits for a restart in progress and starts no other one', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    let restarts = 0;
    let restarted = false;
    let clock = 0;
    const stop = startWatchdog(
      [
        {
          ...worker({ waiting: 3 }),
          restart: async () => {
            restarts++;
            await gate;
            restarted = true;
          },
        },
      ],
      { staleMs: 1, intervalMs: 100, now: () => (clock += 10) },
    );
    await vi.waitFor(() => expect(restarts).toBe(1), { timeout: 5_000 });
    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    await sleep(250);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(restarted).toBe(true);
    await sleep(250);
    expect(restarts).toBe(1);
  });
});
