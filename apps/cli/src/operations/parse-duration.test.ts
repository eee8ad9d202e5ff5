import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    [' 2H ', 7_200_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', 'm', '1w', '-5m', '1.5h', '2 h', 'abc', '0m', '99999999999999999d'])(
    'refuses %j',
    text => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});
