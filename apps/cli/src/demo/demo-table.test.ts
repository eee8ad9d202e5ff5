import { describe, expect, it } from 'vitest';
import { formatDemoTable } from './demo-table.js';

describe('formatDemoTable', () => {
  it('aligns one row per analysis and explains failures and missing records', () => {
    const delivered = {
      instance: 'demo',
      taskId: 1,
      status: 'delivered' as const,
      version: 'v1',
      xid: 'x',
      incidentId: 5001,
      webLink: null,
      incidentCreated: true,
      indicators: 3,
      dropped: { 'sandbox-network': 2, 'benign-domain': 1 },
      created: 2,
      cached: 1,
      skipped: { 'exclusion-list': 1 },
      associated: 3,
      failedChunks: [],
      attempts: {},
      timings: {},
      parseMs: 3,
      lastError: null,
      warnings: [],
    };
    const text = formatDemoTable([
      {
        analysis: { taskId: 1, source: 'analyses/1' },
        record: delivered,
        incidentName: 'Cuckoo Analysis 20240101: a.exe',
      },
      {
        analysis: { taskId: 2, source: 'bad.json' },
        record: {
          ...delivered,
          taskId: 2,
          status: 'failed',
          incidentId: null,
          lastError: 'report is truncated at byte 10',
        },
        incidentName: null,
      },
      { analysis: { taskId: 3, source: 'slow.json' }, record: null, incidentName: null },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^task +report +status +incident +sent +skipped +dropped +note$/);
    expect(lines[2]).toMatch(
      /^1 +analyses\/1 +delivered +#5001 Cuckoo Analysis 20240101: a\.exe +3 +1 +3$/,
    );
    expect(lines[3]).toMatch(/failed +- +3 +1 +3 +report is truncated at byte 10$/);
    expect(lines[4]).toMatch(/^3 +slow\.json +not delivered in time +- +- +- +-$/);
  });
});
