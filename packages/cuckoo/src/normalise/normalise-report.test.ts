import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isReportContentError, NormaliseOptionsError } from './errors.js';
import { normaliseReport, type NormaliseOptions } from './normalise-report.js';
import type { NormalisedReport, ReportSectionValues } from './types.js';
import { formatWarning } from './warning-log.js';

function fixture(name: string): ReportSectionValues {
  const url = new URL(`./__fixtures__/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ReportSectionValues;
}

function normalise(
  sections: ReportSectionValues,
  options: NormaliseOptions = {},
): NormalisedReport {
  const result = normaliseReport(sections, options);
  if (!result.ok) {
    throw result.error;
  }
  return result.report;
}

function warningLines(report: NormalisedReport): string[] {
  return report.warnings.map(formatWarning);
}

describe('normaliseReport per flavour', () => {
  it('reads a Cuckoo 1.2 file task with string hosts and a naive date', () => {
    const report = normalise(fixture('cuckoo12-file.json'));
    expect(report.analysis).toMatchObject({
      id: 7,
      flavour: 'cuckoo-1.2',
      version: '1.2',
      started: '2018-02-06T16:40:25Z',
      ended: null,
      category: 'file',
    });
    expect(report.target).toEqual({
      category: 'file',
      name: 'invoice.exe',
      url: null,
      urlSection: null,
      file: {
        name: 'invoice.exe',
        size: 1024,
        md5: 'd41d8cd98f00b204e9800998ecf8427e',
        sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        sha512: null,
      },
    });
    expect(report.network.hosts).toEqual([{ ip: '203.0.113.5', hostname: null }]);
    expect(report.network.domains).toEqual([{ domain: 'c2.example.com', ip: null }]);
    expect(report.network.dns[0]?.answers).toEqual([{ type: 'A', data: '203.0.113.5' }]);
    expect(report.network.http[0]).toMatchObject({ host: 'c2.example.com:8080', port: 8080 });
    expect(report.network.tcp).toEqual([
      { src: '192.168.56.101', sport: 1036, dst: '203.0.113.5', dport: 7777 },
    ]);
    expect(warningLines(report)).toEqual(['network.hosts[1]: expected string or {ip}, got number']);
  });

  it('reads a Cuckoo 2.0 report with an epoch date, partial hashes and http_ex/https_ex', () => {
    const report = normalise(fixture('cuckoo20-http-ex.json'));
    expect(report.analysis).toMatchObject({
      id: 71,
      flavour: 'cuckoo-2.0',
      started: '2019-11-27T11:26:21Z',
      ended: '2019-11-27T11:28:21Z',
      score: 4.2,
    });
    expect(report.target.file).toMatchObject({
      md5: '0cc175b9c0f1b6a831c399e269772661',
      sha256: null,
    });
    expect(report.network.dnsServers).toEqual(['192.168.56.1']);
    expect(report.network.httpEx).toEqual([
      {
        protocol: 'http',
        host: 'cdn.example.net',
        dst: '198.51.100.7',
        dport: 8080,
        uri: '/payload.bin?x=1',
        method: 'GET',
      },
    ]);
    expect(report.network.httpsEx[0]).toMatchObject({
      protocol: 'https',
      uri: '/beacon',
      dport: 443,
    });
    expect(report.warnings).toEqual([]);
  });

  it('reads CAPE host objects, list-valued dropped names, signatures and bad hashes', () => {
    const report = normalise(fixture('cape-file-hosts.json'));
    expect(report.analysis).toMatchObject({ id: 1102, flavour: 'cape', route: 'internet' });
    expect(report.target).toMatchObject({ category: 'static', name: 'loader.dll', url: null });
    expect(report.target.file).toMatchObject({
      md5: null,
      sha256: 'fe9df1d8a0a8f1e957776ba81fd117359ca2389ffa2fd1dd2794c34d18dfe3ba',
    });
    expect(report.network.hosts).toEqual([{ ip: '198.51.100.23', hostname: 'api.example.net' }]);
    // An NXDOMAIN answer has empty data: nothing to use, nothing to warn about.
    expect(report.network.dns[0]?.answers).toEqual([]);
    expect(report.dropped).toEqual([
      {
        name: 'stage2.bin',
        size: 10,
        md5: null,
        sha1: null,
        sha512: null,
        sha256: '5ec870d794a4c0fc90cfd94984d59cb1e23047c813fa1cf9ccb1933f51591ba3',
      },
    ]);
    expect(report.signatures).toEqual([
      { name: 'network_cnc_http', severity: 3, description: 'HTTP C2' },
    ]);
    expect(report.malfamily).toBe('ExampleRAT');
    expect(warningLines(report)).toEqual([
      'network.hosts[1]: host object without an ip',
      'target.file.md5: expected 32 hex digits, got "not-a-hash"',
      'signatures[1]: expected object, got string',
    ]);
  });

  it('reads a CAPE URL task from url_analysis with network {}', () => {
    const report = normalise(fixture('cape-url.json'));
    expect(report.target).toEqual({
      category: 'url',
      name: null,
      url: 'https://landing.example.org/login?next=/',
      urlSection: 'url_analysis.url',
      file: null,
    });
    expect(report.network.present).toBe(false);
    expect(report.network.hosts).toEqual([]);
  });

  it('reads the legacy {hostname, ip} dns shape of forks, with the id from the caller', () => {
    const report = normalise(fixture('fork-legacy-dns.json'), { taskId: 12 });
    expect(report.analysis).toMatchObject({ id: 12, flavour: 'cuckoo-fork', category: null });
    expect(report.network.dns).toEqual([
      { request: 'checkip.dyndns.org', type: 'A', answers: [{ type: 'A', data: '216.146.43.71' }] },
    ]);
    expect(report.target).toMatchObject({ category: null, name: null, file: null });
  });
});

describe('normaliseReport edge cases', () => {
  it('returns an error value when there is no analysis id', () => {
    const result = normaliseReport(fixture('fork-legacy-dns.json'));
    expect(result.ok).toBe(false);
    expect(!result.ok && isReportContentError(result.error)).toBe(true);
    expect(!result.ok && result.error.code).toBe('REPORT_NO_ANALYSIS_ID');
  });

  it('prefers the caller task id and warns when info.id differs', () => {
    const report = normalise({ info: { id: 5 } }, { taskId: 6 });
    expect(report.analysis.id).toBe(6);
    expect(warningLines(report)).toContain('info.id: 5 differs from the task id 6; using 6');
  });

  it.each([
    [{ id: '42' }, 42],
    [{ id: 0 }, null],
    [{ id: 1.5 }, null],
    [{ id: 'abc' }, null],
  ])('reads info %j as id %s', (info, expected) => {
    const result = normaliseReport({ info });
    expect(result.ok ? result.report.analysis.id : null).toBe(expected);
  });

  it('survives every section having the wrong type', () => {
    const report = normalise({
      info: { id: 1, started: true },
      target: 'x',
      network: [],
      url_analysis: 3,
      signatures: {},
      malfamily: 1,
      dropped: 'y',
    });
    expect(report.network.present).toBe(false);
    expect(report.target).toMatchObject({ category: null, file: null, url: null });
    expect(warningLines(report)).toEqual([
      'info.started: expected "YYYY-MM-DD HH:MM:SS" or epoch seconds, got boolean',
      'network: expected object, got array',
      'target: expected object, got string',
      'url_analysis: expected object, got number',
      'dropped: expected array, got string',
      'signatures: expected array, got object',
      'malfamily: expected string, got number',
    ]);
  });

  it('warns when the start date is missing', () => {
    const report = normalise({ info: { id: 3 } });
    expect(report.analysis.started).toBeNull();
    expect(warningLines(report)).toEqual(['info.started: missing; the analysis date is unknown']);
  });

  it('caps warnings from a broken list', () => {
    const report = normalise(
      { info: { id: 3, started: '2024-01-01 00:00:00' }, network: { hosts: Array(150).fill(7) } },
      { maxWarnings: 10 },
    );
    expect(report.warnings).toHaveLength(11);
    expect(report.warnings.at(-1)?.message).toBe('140 more warnings not shown');
  });

  it('rejects an unknown time zone and a bad task id as option errors', () => {
    expect(() => normaliseReport({}, { timeZone: 'Mars/Olympus' })).toThrow(NormaliseOptionsError);
    expect(() => normaliseReport({}, { taskId: -1 })).toThrow(NormaliseOptionsError);
  });

  it.each([
    ['file with url', { category: 'url', url: 'http://a.example/' }, 'url', 'target.url'],
    [
      'archive',
      { category: 'archive', filename: 'pack.zip', file: { name: 'inner.exe' } },
      'archive',
      null,
    ],
  ])('reads target %s', (_label, target, category, urlSection) => {
    const report = normalise({ info: { id: 1, started: 1 }, target });
    expect(report.target.category).toBe(category);
    expect(report.target.urlSection).toBe(urlSection);
  });

  it('falls back to info.category for CAPE URL tasks without target', () => {
    const report = normalise({
      info: { id: 9, category: 'URL' },
      url_analysis: { url: 'http://x.example/' },
    });
    expect(report.target).toMatchObject({ category: 'url', url: 'http://x.example/' });
  });
});

describe('network entry warnings', () => {
  it.each([
    [{ hosts: [{ ip: 5 }] }, ['network.hosts[0].ip: expected string, got number']],
    [{ hosts: [{ hostname: 'x' }] }, ['network.hosts[0]: host object without an ip']],
    [{ domains: [{ domain: ['a'] }] }, ['network.domains[0].domain: expected string, got array']],
    [{ domains: [{ ip: '1.2.3.4' }] }, ['network.domains[0]: domain entry without a domain']],
    [{ dns: [{ request: '', answers: [] }] }, ['network.dns[0]: dns entry without a request name']],
    [
      { dns: [{ request: 'a.example', answers: [{ type: 'A', data: 7 }] }] },
      ['network.dns[0].answers[0].data: expected string, got number'],
    ],
    [{ dns: 'x' }, ['network.dns: expected array, got string']],
    [
      { tcp: [{ src: '1.2.3.4', dst: '5.6.7.8', sport: 'x', dport: 70000 }] },
      [
        'network.tcp[0].sport: expected port number, got string',
        'network.tcp[0].dport: expected port number, got number',
      ],
    ],
    [{ http_ex: [{ host: 'a.example', uri: '/', protocol: 'gopher', dport: '8080' }] }, []],
  ])('%j warns %j', (network, warnings) => {
    const result = normaliseReport({ info: { id: 1, started: '2024-01-01 00:00:00' }, network });
    expect(result.ok && result.report.warnings.map(formatWarning)).toEqual(warnings);
  });
});
