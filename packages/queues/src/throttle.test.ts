import { describe, expect, it } from 'vitest';
import { decideThrottle } from './throttle.js';

describe('decideThrottle', () => {
  it('delays the first throttle by the requested wait and starts the budget', () => {
    expect(decideThrottle({ since: undefined, now: 1000, waitMs: 500, budgetMs: 10_000 })).toEqual({
      action: 'delay',
      since: 1000,
      until: 1500,
    });
  });

  it('never delays past the end of the budget', () => {
    expect(decideThrottle({ since: 1000, now: 9000, waitMs: 5000, budgetMs: 10_000 })).toEqual({
      action: 'delay',
      since: 1000,
      until: 11_000,
    });
  });

  it('fails once the budget is spent', () => {
    expect(decideThrottle({ since: 1000, now: 11_000, waitMs: 5000, budgetMs: 10_000 })).toEqual({
      action: 'fail',
      since: 1000,
      waitedMs: 10_000,
    });
  });

  it('starts a new episode when the last wait ended long ago (e.g. a requeue days later)', () => {
    const day = 24 * 3600_000;
    expect(
      decideThrottle({ since: 1000, lastUntil: 5000, now: 2 * day, waitMs: 500, budgetMs: 10_000 }),
    ).toEqual({ action: 'delay', since: 2 * day, until: 2 * day + 500 });
  });

  it('keeps counting while throttles follow each other', () => {
    expect(
      decideThrottle({ since: 1000, lastUntil: 9000, now: 11_500, waitMs: 500, budgetMs: 10_000 }),
    ).toEqual({ action: 'fail', since: 1000, waitedMs: 10_500 });
  });
});
