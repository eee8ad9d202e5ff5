import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age.js';

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [723, '12m 3s'],
    [11_100, '3h 5m'],
    [187_200, '2d 4h'],
    [86_400 + 59, '1d'],
    [-5, '0s'],
  ])('%i seconds read %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});
