import { describe, expect, it } from 'vitest';
import { MAX_REPORT_WARNINGS, reportWarnings } from './process-parse-report.js';

describe('reportWarnings', () => {
  it('names each ignored field with its path and reason', () => {
    expect(
      reportWarnings({
        warnings: [
          { path: 'network.hosts', message: 'expected array, got object' },
          { path: 'info.started', message: 'unreadable date 1700000000000' },
        ],
      }),
    ).toEqual([
      'report network.hosts: expected array, got object (ignored)',
      'report info.started: unreadable date 1700000000000 (ignored)',
    ]);
  });

  it('is empty for a clean report', () => {
    expect(reportWarnings({ warnings: [] })).toEqual([]);
  });

  it('keeps the first warnings and counts the rest', () => {
    const warnings = Array.from({ length: MAX_REPORT_WARNINGS + 5 }, (_, i) => ({
      path: `network.hosts[${i}]`,
      message: 'expected string or {ip}, got number',
    }));
    const lines = reportWarnings({ warnings });
    expect(lines).toHaveLength(MAX_REPORT_WARNINGS + 1);
    expect(lines.at(-1)).toBe('report: 5 more warnings not shown');
  });
});
