import { describe, expect, it } from 'vitest';
import type { IndicatorOptions } from './indicator-options.js';
import { selectIndicators } from './select-indicators.js';
import { testReport } from './__fixtures__/test-report.js';

const DOC = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];

function select(network: object, options: IndicatorOptions = {}, extra: object = {}) {
  return selectIndicators(testReport({ network, ...extra }), { treatAsPublic: DOC, ...options });
}

function verdictOf(selection: ReturnType<typeof select>, value: string): string {
  if (selection.indicators.some(i => i.value === value)) {
    return 'kept';
  }
  const drop = selection.dropped.find(d => d.value === value);
  return drop === undefined
    ? 'absent'
    : `${drop.reason}${drop.detail === null ? '' : ` (${drop.detail})`}`;
}

describe('address filters', () => {
  it.each([
    ['8.8.8.8', {}, 'kept'],
    ['10.1.2.3', {}, 'not-public (private range)'],
    ['127.0.0.1', {}, 'not-public (loopback range)'],
    ['169.254.1.1', {}, 'not-public (linkLocal range)'],
    ['100.64.0.1', {}, 'not-public (carrierGradeNat range)'],
    ['224.0.0.22', {}, 'not-public (multicast range)'],
    ['255.255.255.255', {}, 'not-public (broadcast range)'],
    ['0.0.0.0', {}, 'not-public (unspecified range)'],
    ['ff02::1:ff12:3456', {}, 'not-public (multicast range)'],
    ['fd3e:4f5a:5b81::1', {}, 'not-public (uniqueLocal range)'],
    ['fe80::1', {}, 'not-public (linkLocal range)'],
    ['2001::1', {}, 'not-public (teredo range)'],
    ['2606:4700::1111', {}, 'kept'],
    ['2001:db8::7', {}, 'kept'],
    ['198.51.100.1', { treatAsPublic: [] }, 'not-public (reserved range)'],
    ['192.168.56.101', {}, 'sandbox-network (in 192.168.56.0/24)'],
    ['10.0.2.15', { sandboxNetworks: ['10.0.2.0/24'] }, 'sandbox-network (in 10.0.2.0/24)'],
    ['192.168.56.1', { resultServer: '192.168.56.1:2042' }, 'result-server (in 192.168.56.1)'],
    ['8.8.8.8', { resolvers: ['8.8.8.8'] }, 'resolver (in 8.8.8.8)'],
    ['8.8.4.4', { resolvers: ['8.8.0.0/16'] }, 'resolver (in 8.8.0.0/16)'],
    [
      '198.51.100.9',
      { ignoreAddresses: ['198.51.100.0/28'] },
      'ignored-address (in 198.51.100.0/28)',
    ],
    ['192.0.2.44', { fakeDnsNetworks: ['192.0.2.0/24'] }, 'fake-dns-answer (in 192.0.2.0/24)'],
    ['203.0.113.9', { benignDomains: ['203.0.113.0/24'] }, 'benign-network (in 203.0.113.0/24)'],
    ['behavior', {}, 'invalid-address'],
    ['10.0.2', {}, 'invalid-address'],
  ])('%s with %j → %s', (address, options, expected) => {
    const selection = select(
      { tcp: [{ src: address, dst: '203.0.113.1', sport: 1, dport: 2 }] },
      options,
    );
    expect(verdictOf(selection, address)).toBe(expected);
  });

  it('merges the sections of a deduplicated address and normalises IPv4-mapped IPv6', () => {
    const selection = select({
      hosts: ['203.0.113.7'],
      tcp: [{ src: '192.168.56.101', dst: '::ffff:203.0.113.7', sport: 1, dport: 80 }],
    });
    expect(selection.indicators).toEqual([
      { type: 'Address', value: '203.0.113.7', sections: ['network.hosts', 'network.tcp'] },
    ]);
  });
});

describe('host filters', () => {
  it.each([
    ['c2.example.org', {}, 'kept'],
    ['wpad', {}, 'single-label-name'],
    ['printer.local', {}, 'non-public-name (under .local)'],
    ['db.corp.internal', {}, 'non-public-name (under .internal)'],
    ['4.3.2.1.in-addr.arpa', {}, 'reverse-lookup-name'],
    ['time.windows.com', {}, 'benign-domain'],
    ['www.msftconnecttest.com', {}, 'benign-domain (under msftconnecttest.com)'],
    ['time.windows.com', { builtinBenignDomains: false }, 'kept'],
    ['evilwindowsupdate.com', {}, 'kept'],
    ['download.windowsupdate.com', {}, 'benign-domain (under windowsupdate.com)'],
    [
      'cdn.vendor.example',
      { benignDomains: ['vendor.example'] },
      'benign-domain (under vendor.example)',
    ],
    ['vendor.example', { benignDomains: ['*.vendor.example'] }, 'kept'],
    [
      'a.vendor.example',
      { benignDomains: ['*.vendor.example'] },
      'benign-domain (under vendor.example)',
    ],
    ['a.vendor.example', { benignDomains: ['=vendor.example'] }, 'kept'],
    ['vendor.example', { benignDomains: ['=vendor.example'] }, 'benign-domain'],
  ])('%s with %j → %s', (name, options, expected) => {
    const selection = select({ dns: [{ request: name, type: 'A', answers: [] }] }, options);
    expect(verdictOf(selection, name)).toBe(expected);
  });

  it('never makes a Host of a PTR question, even one that is not a reverse name', () => {
    const selection = select({
      dns: [
        {
          request: 'c2.example.org',
          type: 'PTR',
          answers: [{ type: 'PTR', data: 'x.example.org' }],
        },
      ],
    });
    expect(verdictOf(selection, 'c2.example.org')).toBe('reverse-lookup-name (PTR question)');
    expect(verdictOf(selection, 'x.example.org')).toBe('absent');
  });

  it('takes hosts from CNAME, NS and MX answers, ignores TXT/SOA and answers of benign names', () => {
    const selection = select({
      dns: [
        {
          request: 'mail.example.org',
          type: 'MX',
          answers: [
            { type: 'MX', data: '10 mx1.example.net' },
            { type: 'CNAME', data: 'alias.example.net' },
          ],
        },
        {
          request: 'example.org',
          type: 'NS',
          answers: [
            { type: 'NS', data: 'ns1.example.com' },
            { type: 'SOA', data: 'ns1.example.com,hostmaster.example.com,1,2,3,4,5' },
            { type: 'TXT', data: 'v=spf1 -all' },
          ],
        },
        {
          request: 'time.windows.com',
          type: 'A',
          answers: [
            { type: 'CNAME', data: 'time.microsoft.akadns.net' },
            { type: 'A', data: '203.0.113.40' },
          ],
        },
      ],
    });
    expect(selection.indicators.map(i => i.value)).toEqual([
      'mail.example.org',
      'mx1.example.net',
      'alias.example.net',
      'example.org',
      'ns1.example.com',
    ]);
    expect(verdictOf(selection, 'time.microsoft.akadns.net')).toBe(
      'resolved-from-benign-domain (resolved from time.windows.com)',
    );
    expect(verdictOf(selection, '203.0.113.40')).toBe(
      'resolved-from-benign-domain (resolved from time.windows.com)',
    );
  });

  it('keeps an address that a benign and a non-benign name share (CDN)', () => {
    const selection = select({
      domains: [{ domain: 'www.msftncsi.com', ip: '203.0.113.80' }],
      dns: [
        { request: 'evil.example.org', type: 'A', answers: [{ type: 'A', data: '203.0.113.80' }] },
      ],
    });
    expect(verdictOf(selection, '203.0.113.80')).toBe('kept');
  });

  it('uses CAPE host names as resolutions and Hosts, never the inaddrarpa field', () => {
    const selection = select({
      hosts: [
        {
          ip: '203.0.113.90',
          hostname: 'settings-win.data.microsoft.com',
          inaddrarpa: 'x.rdns.example.com',
        },
        { ip: '203.0.113.91', hostname: 'panel.example.org', inaddrarpa: '' },
      ],
    });
    expect(selection.indicators.map(i => i.value)).toEqual(['203.0.113.91', 'panel.example.org']);
    expect(verdictOf(selection, '203.0.113.90')).toBe(
      'resolved-from-benign-domain (resolved from settings-win.data.microsoft.com)',
    );
  });
});

describe('URLs', () => {
  it('builds http_ex/https_ex URLs from scheme, host, port and request-target', () => {
    const selection = select({
      http_ex: [
        {
          protocol: 'http',
          host: 'cdn.example.net',
          dst: '203.0.113.7',
          dport: 8080,
          uri: '/payload.bin?x=1',
        },
        {
          protocol: 'http',
          host: 'cdn.example.net:8000',
          dst: '203.0.113.7',
          dport: 8000,
          uri: '/b',
        },
        {
          protocol: 'http',
          host: 'cdn.example.net',
          dst: '203.0.113.7',
          dport: 80,
          uri: 'cdn.example.net',
        },
        { protocol: 'http', host: '', dst: '203.0.113.8', dport: 80, uri: '/raw' },
      ],
      https_ex: [{ host: 'cdn.example.net', dst: '203.0.113.7', dport: 443, uri: '/beacon' }],
    });
    expect(
      selection.indicators.filter(i => i.type === 'URL').map(i => [i.value, i.sections.join()]),
    ).toEqual([
      ['http://cdn.example.net:8080/payload.bin?x=1', 'network.http_ex'],
      ['http://cdn.example.net:8000/b', 'network.http_ex'],
      ['http://203.0.113.8/raw', 'network.http_ex'],
      ['https://cdn.example.net/beacon', 'network.https_ex'],
    ]);
    expect(verdictOf(selection, '203.0.113.7')).toBe('kept');
  });

  it('drops URLs without a host and URLs on dropped hosts', () => {
    const selection = select({
      http: [
        { host: '', port: 80, uri: 'http:///x', path: '/x' },
        { host: 'wpad', port: 80, uri: 'http://wpad/wpad.dat', path: '/wpad.dat' },
        { host: '10.0.0.5:8080', port: 8080, uri: 'http://10.0.0.5:8080/a', path: '/a' },
      ],
    });
    expect(verdictOf(selection, 'http:///x')).toBe('invalid-url (no host)');
    expect(verdictOf(selection, 'http://wpad/wpad.dat')).toBe(
      'url-on-dropped-host (wpad: single-label-name)',
    );
    expect(verdictOf(selection, 'http://10.0.0.5:8080/a')).toBe(
      'url-on-dropped-host (10.0.0.5: not-public)',
    );
    expect(selection.indicators).toEqual([]);
  });

  it('rebuilds CAPE behaviour entries whose uri is only a path', () => {
    const selection = select({
      http: [{ host: 'c2.example.org', dport: 8081, uri: '/', path: '/' }],
    });
    expect(selection.indicators.map(i => i.value)).toContain('http://c2.example.org:8081/');
  });

  it('sends the URL of a URL task with its host, from url_analysis', () => {
    const selection = select(
      {},
      {},
      {
        target: { category: 'url' },
        url_analysis: { url: 'https://Landing.Example.org/login?next=/' },
      },
    );
    expect(selection.indicators).toEqual([
      { type: 'Host', value: 'landing.example.org', sections: ['url_analysis.url'] },
      {
        type: 'URL',
        value: 'https://landing.example.org/login?next=/',
        sections: ['url_analysis.url'],
      },
    ]);
  });
});

describe('files', () => {
  const sha256 = '5ec870d794a4c0fc90cfd94984d59cb1e23047c813fa1cf9ccb1933f51591ba3';
  const md5 = '0cc175b9c0f1b6a831c399e269772661';

  it('sends the target file with the hashes it has and its occurrence', () => {
    const selection = select(
      {},
      {},
      { target: { category: 'file', file: { name: 'a.exe', size: 3, md5, sha256 } } },
    );
    expect(selection.indicators).toEqual([
      {
        type: 'File',
        value: `${md5} : ${sha256}`,
        md5,
        sha1: null,
        sha256,
        size: 3,
        fileOccurrences: [{ fileName: 'a.exe', date: '2024-05-06T10:11:12Z' }],
        sections: ['target.file'],
      },
    ]);
  });

  it('drops a target file without hashes as no-hashes', () => {
    const selection = select({}, {}, { target: { category: 'file', file: { name: 'gone.exe' } } });
    expect(selection.indicators).toEqual([]);
    expect(verdictOf(selection, 'gone.exe')).toBe('no-hashes');
  });

  it('adds dropped files only when enabled, merging files that share a hash', () => {
    const extra = {
      target: { category: 'file', file: { name: 'a.exe', sha256 } },
      dropped: [
        { name: ['copy.exe'], sha256, md5 },
        { name: 'b.dll', md5: 'ffffffffffffffffffffffffffffffff' },
      ],
    };
    expect(select({}, {}, extra).indicators).toHaveLength(1);
    const selection = select({}, { includeDropped: true }, extra);
    expect(selection.indicators.map(i => [i.value, i.sections.join()])).toEqual([
      [`${md5} : ${sha256}`, 'target.file,dropped'],
      ['ffffffffffffffffffffffffffffffff', 'dropped'],
    ]);
  });
});
