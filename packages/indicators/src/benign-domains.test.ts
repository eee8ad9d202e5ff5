import { describe, expect, it } from 'vitest';
import { parseBenignDomainList, parseBenignEntry } from './benign-domains.js';
import { createIndicatorFilters } from './indicator-options.js';
import { isIndicatorOptionsError } from './errors.js';

describe('parseBenignEntry', () => {
  it.each([
    ['Example.COM.', { kind: 'name', name: 'example.com', match: 'suffix' }],
    ['*.example.com', { kind: 'name', name: 'example.com', match: 'subdomains' }],
    ['.example.com', { kind: 'name', name: 'example.com', match: 'subdomains' }],
    ['=www.example.com', { kind: 'name', name: 'www.example.com', match: 'exact' }],
    ['пример.рф', { kind: 'name', name: 'xn--e1afmkfd.xn--p1ai', match: 'suffix' }],
    ['203.0.113.0/24', { kind: 'network', cidr: '203.0.113.0/24' }],
    ['2001:db8::1', { kind: 'network', cidr: '2001:db8::1' }],
    ['bad_name.com', null],
    ['203.0.113.0/33', null],
  ])('%s', (text, entry) => {
    expect(parseBenignEntry(text)).toEqual(entry);
  });
});

describe('parseBenignDomainList', () => {
  it('reads entries, skips comments and blank lines, and reports bad lines with numbers', () => {
    const text =
      '# OS noise\r\nmsftncsi.com\n\n  *.cdn.example  # vendor CDN\nnot a domain\n198.51.100.0/24\nx_y.com\n';
    expect(parseBenignDomainList(text)).toEqual({
      entries: ['msftncsi.com', '*.cdn.example', '198.51.100.0/24'],
      problems: [
        { line: 5, text: 'not a domain', message: 'not a domain name, address or CIDR' },
        { line: 7, text: 'x_y.com', message: 'not a domain name, address or CIDR' },
      ],
    });
  });
});

describe('createIndicatorFilters', () => {
  it.each([
    [
      { sandboxNetworks: ['192.168.56.0/33'] },
      'filters.sandboxNetworks: "192.168.56.0/33" is not an address or CIDR',
    ],
    [{ resolvers: ['dns.example'] }, 'filters.resolvers: "dns.example" is not an address or CIDR'],
    [{ resultServer: 'nowhere:2042' }, 'filters.resultServer: "nowhere" is not an address or CIDR'],
    [
      { benignDomains: ['a b'] },
      'filters.benignDomains: "a b" is not a domain name, address or CIDR',
    ],
    [{ maxUrlLength: 3 }, 'filters.maxUrlLength must be an integer >= 16, got 3'],
  ])('rejects %j', (options, message) => {
    let error: unknown;
    try {
      createIndicatorFilters(options);
    } catch (caught) {
      error = caught;
    }
    expect(isIndicatorOptionsError(error)).toBe(true);
    expect((error as Error).message).toBe(message);
  });

  it('accepts the documented defaults', () => {
    const filters = createIndicatorFilters();
    expect(filters.sandboxNetworks.size).toBe(1);
    expect(filters.maxUrlLength).toBe(2048);
    expect(filters.includeDropped).toBe(false);
    expect(filters.benignNames.match('time.windows.com')).toBe('time.windows.com');
  });
});
