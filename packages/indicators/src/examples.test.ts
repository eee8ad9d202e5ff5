import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseReport, type ReportSectionValues } from '@cuckoo-tc/cuckoo';
import { describe, expect, it } from 'vitest';
import { buildParseResult } from './parse-result.js';

// The demo analyses in examples/storage (our own, synthetic). Documentation ranges stand in for
// public addresses, so the demo configures them as treatAsPublic, as done here.
const STORAGE = fileURLToPath(new URL('../../../examples/storage/analyses/', import.meta.url));
const FILTERS = { treatAsPublic: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'] };

function parse(id: number) {
  const raw = JSON.parse(
    readFileSync(`${STORAGE}${id}/reports/report.json`, 'utf8'),
  ) as ReportSectionValues;
  const normalised = normaliseReport(raw, { taskId: id });
  if (!normalised.ok) {
    throw normalised.error;
  }
  return buildParseResult(normalised.report, { incident: { instance: 'demo' }, filters: FILTERS });
}

function sent(id: number): string[] {
  return parse(id)
    .indicators.filter(i => i.type !== 'File')
    .map(i => `${i.type} ${i.value}`)
    .sort();
}

describe.skipIf(!existsSync(STORAGE))('example analyses', () => {
  it.each([
    [
      101,
      'cuckoo-1.2',
      'Cuckoo Analysis 20240312: Invoice_2024-03.exe',
      [
        'Address 203.0.113.10',
        'Address 203.0.113.25',
        'Host example.net',
        'Host invoices.example.com',
        'Host mail.example.net',
        'URL http://invoices.example.com/panel/gate.php?id=7f3a',
      ],
    ],
    [
      102,
      'cuckoo-2.0',
      'Cuckoo Analysis 20240601: Q2_report.doc',
      [
        'Address 198.51.100.40',
        'Host cdn.example.org',
        'URL http://cdn.example.org:8080/q2/report%20here.php?u=%D0%BF',
        'URL http://cdn.example.org:8080/q2/update.bin',
      ],
    ],
    [
      103,
      'cape',
      'Cuckoo Analysis 20250218: libupdate.dll',
      ['Address 198.51.100.77', 'Address 203.0.113.66', 'Host api.example.net'],
    ],
    [
      104,
      'cape',
      'Cuckoo Analysis 20250402: https://login.example.com/account/verify?session=a1b2c3&next=/inbox',
      [
        'Address 192.0.2.80',
        'Address 198.51.100.120',
        'Host edge-7.example-cdn.net',
        'Host login.example.com',
        'Host static.example-cdn.net',
        'URL https://login.example.com/account/verify?session=a1b2c3&next=/inbox',
      ],
    ],
  ])('analysis %i (%s) sends exactly its sample traffic', (id, flavour, name, expected) => {
    const result = parse(id);
    expect(result.analysis.flavour).toBe(flavour);
    expect(result.incident.name).toBe(name);
    expect(result.warnings).toEqual([]);
    expect(sent(id)).toEqual(expected);
  });

  it.each([101, 102, 103])('analysis %i sends its target file hashes', id => {
    const files = parse(id).indicators.filter(i => i.type === 'File');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ sections: ['target.file'] });
  });

  it('filters the Windows background lookups of every example', () => {
    const dropped = [101, 102, 103, 104].flatMap(id => parse(id).dropped.map(d => d.value));
    expect(dropped).toEqual(
      expect.arrayContaining([
        'www.msftncsi.com',
        'time.windows.com',
        'settings-win.data.microsoft.com',
        'www.msftconnecttest.com',
        'ctldl.windowsupdate.com',
      ]),
    );
  });
});
