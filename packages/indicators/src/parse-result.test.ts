import { describe, expect, it } from 'vitest';
import { formatParseTable } from './format-parse-table.js';
import { createIndicatorFilters } from './indicator-options.js';
import { buildParseResult } from './parse-result.js';
import { testReport } from './__fixtures__/test-report.js';

const md5 = '1c88e6569bc74f299ea16fa0c10773b1';

function result() {
  const report = testReport({
    info: { id: 42, version: '1.2', started: '2018-02-06 16:40:25' },
    target: { category: 'file', file: { name: 'sample.exe', size: 1024, md5 } },
    network: {
      hosts: ['203.0.113.5', 7],
      tcp: [{ src: '192.168.56.101', sport: 1, dst: '203.0.113.5', dport: 80 }],
    },
  });
  return buildParseResult(report, {
    incident: { instance: 'lab' },
    filters: createIndicatorFilters({ treatAsPublic: ['203.0.113.0/24'] }),
  });
}

describe('buildParseResult', () => {
  it('produces the DESIGN §4 JSON object', () => {
    expect(JSON.parse(JSON.stringify(result()))).toEqual({
      analysis: {
        id: 42,
        flavour: 'cuckoo-1.2',
        version: '1.2',
        started: '2018-02-06T16:40:25Z',
        target: { category: 'file', name: 'sample.exe', url: null },
      },
      incident: {
        name: 'Cuckoo Analysis 20180206: sample.exe',
        eventDate: '2018-02-06T16:40:25Z',
        xid: 'cuckoo-tc:lab:42',
        attributes: [{ type: 'Analysis ID', value: '42', securityLabels: [] }],
        tags: [],
      },
      indicators: [
        {
          type: 'File',
          value: md5,
          md5,
          sha1: null,
          sha256: null,
          size: 1024,
          fileOccurrences: [{ fileName: 'sample.exe', date: '2018-02-06T16:40:25Z' }],
          sections: ['target.file'],
        },
        { type: 'Address', value: '203.0.113.5', sections: ['network.hosts', 'network.tcp'] },
      ],
      dropped: [
        {
          type: 'Address',
          value: '192.168.56.101',
          reason: 'sandbox-network',
          detail: 'in 192.168.56.0/24',
          valueLength: 14,
          sections: ['network.tcp'],
        },
      ],
      warnings: [{ path: 'network.hosts[1]', message: 'expected string or {ip}, got number' }],
    });
  });
});

describe('formatParseTable', () => {
  it('prints indicators by type, dropped with reasons, and warnings', () => {
    expect(formatParseTable(result())).toBe(
      [
        'Analysis 42 (cuckoo-1.2 1.2), started 2018-02-06T16:40:25Z',
        'Target   file: sample.exe',
        'Incident Cuckoo Analysis 20180206: sample.exe',
        '         xid cuckoo-tc:lab:42, event date 2018-02-06T16:40:25Z',
        '',
        'Indicators (2)',
        '  TYPE     VALUE                             SECTIONS',
        `  File     ${md5}  target.file`,
        '  Address  203.0.113.5                       network.hosts,network.tcp',
        '',
        'Dropped (1)',
        '  TYPE     VALUE           REASON           DETAIL',
        '  Address  192.168.56.101  sandbox-network  in 192.168.56.0/24',
        '',
        'Warnings (1)',
        '  network.hosts[1]: expected string or {ip}, got number',
        '',
      ].join('\n'),
    );
  });
});
