import { readFileSync } from 'node:fs';
import {
  normaliseReport,
  type NormalisedReport,
  type ReportSectionValues,
} from '@cuckoo-tc/cuckoo';
import { describe, expect, it } from 'vitest';
import type { IndicatorOptions } from './indicator-options.js';
import { selectIndicators } from './select-indicators.js';
import { hasBrokenText } from './text-escapes.js';
import type { DroppedIndicator, Indicator, IndicatorSelection } from './types.js';

interface ExpectedIndicator {
  type: string;
  value?: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
}

interface FieldCase {
  id: string;
  report: ReportSectionValues;
  rawInputBase64?: string;
  expect: {
    indicators: ExpectedIndicator[];
    mustNotContain?: string[];
    mustNotContainSubstrings?: string[];
    mustNotContainTyped?: { type: string; value: string }[];
  };
}

const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];
// Sandbox defaults of the cases README; the case's own `config` is mapped onto our options.
const SANDBOX: IndicatorOptions = {
  sandboxNetworks: ['192.168.56.0/24'],
  resultServer: '192.168.56.1:2042',
  treatAsPublic: DOCUMENTATION_RANGES,
};
const CASE_OPTIONS: Record<string, IndicatorOptions> = {
  'BUG-07': {
    benignDomains: ['msftncsi.com', 'windows.com', 'windowsupdate.com', 'microsoft.com'],
  },
  'BUG-08': { resolvers: ['8.8.8.8'] },
  'BUG-09': { fakeDnsNetworks: ['192.0.2.0/24'], treatAsPublic: DOCUMENTATION_RANGES.slice(1) },
  'BUG-12': { maxUrlLength: 2048 },
};

function loadCase(id: string): FieldCase {
  const url = new URL(`./__fixtures__/cases/${id}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as FieldCase;
}

// BUG-26 ships raw bytes (invalid UTF-8, a lone surrogate escape): decode leniently as the reader does.
function sectionsOf(fieldCase: FieldCase): ReportSectionValues {
  if (fieldCase.rawInputBase64 === undefined) {
    return fieldCase.report;
  }
  const bytes = Buffer.from(fieldCase.rawInputBase64, 'base64');
  return JSON.parse(
    new TextDecoder('utf-8', { fatal: false }).decode(bytes),
  ) as ReportSectionValues;
}

function run(id: string): {
  report: NormalisedReport;
  selection: IndicatorSelection;
  fieldCase: FieldCase;
} {
  const fieldCase = loadCase(id);
  const result = normaliseReport(sectionsOf(fieldCase));
  if (!result.ok) {
    throw result.error;
  }
  const selection = selectIndicators(result.report, { ...SANDBOX, ...CASE_OPTIONS[id] });
  return { report: result.report, selection, fieldCase };
}

function comparable(indicator: Indicator | ExpectedIndicator): string {
  if (indicator.type === 'File') {
    const file = indicator as ExpectedIndicator;
    return `File ${file.md5 ?? '-'} ${file.sha1 ?? '-'} ${file.sha256 ?? '-'}`;
  }
  return `${indicator.type} ${indicator.value ?? ''}`;
}

function dropOf(selection: IndicatorSelection, value: string): DroppedIndicator | undefined {
  return selection.dropped.find(drop => drop.value === value);
}

const IDS = [
  'BUG-02',
  'BUG-03',
  'BUG-05',
  'BUG-07',
  'BUG-08',
  'BUG-09',
  'BUG-12',
  'BUG-13',
  'BUG-26',
];

describe.each(IDS)('field case %s', id => {
  const { selection, fieldCase } = run(id);
  const values = selection.indicators.map(indicator => indicator.value);

  it('sends exactly the expected indicators', () => {
    const actual = selection.indicators.map(comparable).sort();
    expect(actual).toEqual(fieldCase.expect.indicators.map(comparable).sort());
  });

  it('never sends a forbidden value or substring', () => {
    for (const value of fieldCase.expect.mustNotContain ?? []) {
      expect(values).not.toContain(value);
    }
    // The File value is ThreatConnect's own "md5 : sha1 : sha256" summary (spaces by design);
    // the substring rules are about the network values.
    const networkValues = selection.indicators.filter(i => i.type !== 'File').map(i => i.value);
    for (const part of fieldCase.expect.mustNotContainSubstrings ?? []) {
      expect(networkValues.filter(value => value.includes(part))).toEqual([]);
    }
    for (const typed of fieldCase.expect.mustNotContainTyped ?? []) {
      expect(selection.indicators).not.toContainEqual(expect.objectContaining(typed));
    }
    expect(values.filter(value => hasBrokenText(value))).toEqual([]);
  });
});

describe('field case reasons', () => {
  it('BUG-05 drops guest LAN noise with its rule', () => {
    const { selection } = run('BUG-05');
    expect(dropOf(selection, '192.168.56.101')?.reason).toBe('sandbox-network');
    expect(dropOf(selection, '192.168.56.1')?.reason).toBe('result-server');
    expect(dropOf(selection, '224.0.0.252')).toMatchObject({
      reason: 'not-public',
      detail: 'multicast range',
    });
    expect(dropOf(selection, '255.255.255.255')?.reason).toBe('not-public');
    expect(dropOf(selection, '0.0.0.0')?.reason).toBe('not-public');
    expect(dropOf(selection, 'http://192.168.56.101:8000/status')?.reason).toBe(
      'url-on-dropped-host',
    );
  });

  it('BUG-07 drops benign names, their answers and LAN lookups', () => {
    const { selection } = run('BUG-07');
    expect(dropOf(selection, 'www.msftncsi.com')).toMatchObject({
      reason: 'benign-domain',
      detail: 'under msftncsi.com',
    });
    expect(dropOf(selection, '203.0.113.201')).toMatchObject({
      reason: 'resolved-from-benign-domain',
      detail: 'resolved from www.msftncsi.com',
    });
    expect(dropOf(selection, '203.0.113.204')?.reason).toBe('resolved-from-benign-domain');
    expect(dropOf(selection, 'wpad')?.reason).toBe('single-label-name');
    expect(dropOf(selection, '101.56.168.192.in-addr.arpa')?.reason).toBe('reverse-lookup-name');
    expect(dropOf(selection, '_services._dns-sd._udp.local')?.reason).toBe('invalid-hostname');
    expect(dropOf(selection, 'http://www.msftncsi.com/ncsi.txt')?.reason).toBe(
      'url-on-dropped-host',
    );
  });

  it('BUG-08 keeps an unconfigured dns_servers entry and drops the configured resolver', () => {
    const { selection } = run('BUG-08');
    expect(dropOf(selection, '8.8.8.8')).toMatchObject({
      reason: 'resolver',
      sections: ['network.hosts', 'network.udp'],
    });
  });

  it('BUG-09 drops fake-DNS answers but keeps the names, and never makes a Host of a PTR question', () => {
    const { selection } = run('BUG-09');
    expect(dropOf(selection, '192.0.2.17')).toMatchObject({
      reason: 'fake-dns-answer',
      detail: 'in 192.0.2.0/24',
    });
    expect(dropOf(selection, '17.2.0.192.in-addr.arpa')?.reason).toBe('reverse-lookup-name');
  });

  it('BUG-12 drops the over-long URL with its length', () => {
    const { selection } = run('BUG-12');
    const long = selection.dropped.filter(d => d.reason === 'url-too-long');
    expect(long).toHaveLength(1);
    expect(long[0]).toMatchObject({
      type: 'URL',
      valueLength: 3027,
      detail: 'longer than 2048 characters',
    });
  });

  it('BUG-13 rejects underscores and over-long labels, and dedupes case and trailing dots', () => {
    const { selection } = run('BUG-13');
    expect(dropOf(selection, 'sys_update01.example.net')).toMatchObject({
      reason: 'invalid-hostname',
      detail: 'character "_" not allowed',
    });
    const long = 'a'.repeat(64) + '.example.net';
    expect(dropOf(selection, long)).toMatchObject({
      reason: 'invalid-hostname',
      detail: 'label longer than 63 characters',
    });
    const www = selection.indicators.filter(i => i.value === 'www.example.com');
    expect(www).toHaveLength(1);
  });

  it('BUG-26 drops the name holding a lone surrogate as an invalid hostname', () => {
    const { selection } = run('BUG-26');
    const bad = selection.dropped.filter(d => d.reason === 'invalid-hostname');
    expect(bad).toHaveLength(1);
    expect(hasBrokenText(bad[0]?.value ?? '')).toBe(true);
    expect(bad[0]?.detail).toBe('contains undecodable bytes');
  });

  it('BUG-03 needs only an id: a sparse report yields its partial File', () => {
    const { report, selection } = run('BUG-03');
    expect(report.analysis.started).toBeNull();
    expect(selection.dropped).toEqual([]);
  });
});
