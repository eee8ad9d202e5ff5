import { describe, expect, it } from 'vitest';
import { readAnalysisDate } from './analysis-date.js';
import { WarningLog } from './warning-log.js';

describe('readAnalysisDate', () => {
  it.each([
    ['naive string in UTC', '2018-02-06 16:40:25', 'UTC', '2018-02-06T16:40:25Z'],
    ['naive string with fraction', '2018-02-06 16:40:25.123456', 'UTC', '2018-02-06T16:40:25Z'],
    [
      'naive string in Berlin winter',
      '2018-02-06 16:40:25',
      'Europe/Berlin',
      '2018-02-06T15:40:25Z',
    ],
    [
      'naive string in Berlin summer',
      '2024-07-01 12:00:00',
      'Europe/Berlin',
      '2024-07-01T10:00:00Z',
    ],
    ['naive string in New York', '2024-01-15 08:00:00', 'America/New_York', '2024-01-15T13:00:00Z'],
    [
      'explicit Z wins over the zone',
      '2024-01-15T08:00:00Z',
      'Europe/Berlin',
      '2024-01-15T08:00:00Z',
    ],
    ['explicit offset', '2024-01-15T08:00:00+02:00', 'UTC', '2024-01-15T06:00:00Z'],
    ['epoch float (floored)', 1574853981.995138, 'UTC', '2019-11-27T11:26:21Z'],
    [
      'epoch of local wall time in Berlin',
      1574853981.995138,
      'Europe/Berlin',
      '2019-11-27T10:26:21Z',
    ],
  ])('%s', (_label, value, zone, expected) => {
    const log = new WarningLog();
    expect(readAnalysisDate(value, 'info.started', zone, log)).toBe(expected);
    expect(log.items).toEqual([]);
  });

  it.each([
    ['not a date', 'yesterday', 'info.started: unreadable date "yesterday"'],
    [
      'impossible day',
      '2024-02-31 00:00:00',
      'info.started: unreadable date "2024-02-31 00:00:00"',
    ],
    ['epoch in milliseconds', 1574853981995, 'info.started: unreadable date 1574853981995'],
    [
      'object',
      { $dt: 'x' },
      'info.started: expected "YYYY-MM-DD HH:MM:SS" or epoch seconds, got object',
    ],
  ])('warns on %s', (_label, value, warning) => {
    const log = new WarningLog();
    expect(readAnalysisDate(value, 'info.started', 'UTC', log)).toBeNull();
    expect(log.items.map(w => `${w.path}: ${w.message}`)).toEqual([warning]);
  });

  it('treats Cuckoo 1.2 "none" as absent without a warning', () => {
    const log = new WarningLog();
    expect(readAnalysisDate('none', 'info.ended', 'UTC', log)).toBeNull();
    expect(log.items).toEqual([]);
  });
});
