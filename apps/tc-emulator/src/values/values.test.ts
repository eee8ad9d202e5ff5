import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDED_CIDRS, DEFAULT_EXCLUDED_HOSTS } from '../defaults.js';
import { parseDateInput } from './dates.js';
import { createExclusionList } from './exclusion-list.js';
import {
  fileSummary,
  hashKindOf,
  normaliseAddress,
  normaliseFileHashes,
  normaliseHost,
  normaliseUrl,
} from './indicator-values.js';

describe('indicator values', () => {
  it('normalises addresses and refuses near misses', () => {
    expect(normaliseAddress('2001:DB8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normaliseAddress('8.8.8.8')).toBe('8.8.8.8');
    for (const bad of ['8.8.8', '08.8.8.8', '1.2.3.4/24', 'fe80::1%1', ' 8.8.8.8', 42]) {
      expect(normaliseAddress(bad)).toBeNull();
    }
  });

  it('accepts lower-case multi-label hosts only', () => {
    expect(normaliseHost('a-b_c.example.co')).toBe('a-b_c.example.co');
    for (const bad of [
      'example',
      'a..b.com',
      'a.b.123',
      'A.example.com',
      'a.example.com.',
      'ex ample.com',
    ]) {
      expect(normaliseHost(bad)).toBeNull();
    }
  });

  it('accepts escaped absolute URLs only', () => {
    expect(normaliseUrl('http://user@a.example.com:8080/p?q#f')).not.toBeNull();
    expect(normaliseUrl('http://localhost/')).not.toBeNull();
    for (const bad of [
      'http://a.example.com:99999/',
      'http:///x',
      'http://[zz::1]/',
      'http://a.example.com/"',
      '//a.example.com/',
    ]) {
      expect(normaliseUrl(bad)).toBeNull();
    }
  });

  it('upper-cases hashes and joins the summary in md5, sha1, sha256 order', () => {
    const hashes = normaliseFileHashes({ sha256: 'a'.repeat(64), md5: 'b'.repeat(32) });
    expect(hashes).toEqual({ md5: 'B'.repeat(32), sha256: 'A'.repeat(64) });
    expect(fileSummary(hashes ?? {})).toBe(`${'B'.repeat(32)} : ${'A'.repeat(64)}`);
    expect(normaliseFileHashes({ md5: 'g'.repeat(32) })).toBeNull();
    expect(hashKindOf('c'.repeat(40))).toBe('sha1');
    expect(hashKindOf('z'.repeat(40))).toBeNull();
  });

  it('turns dates into UTC and refuses impossible ones', () => {
    expect(parseDateInput('2024-02-29T23:30:00-01:00')).toBe('2024-03-01T00:30:00Z');
    expect(parseDateInput('2024-05-06 10:11:12.999')).toBe('2024-05-06T10:11:12Z');
    expect(parseDateInput('2023-02-29')).toBeNull();
    expect(parseDateInput('2023-01-01T24:00:00Z')).toBeNull();
    expect(parseDateInput(1700000000)).toBeNull();
  });
});

describe('exclusion list', () => {
  const list = createExclusionList({
    cidrs: DEFAULT_EXCLUDED_CIDRS,
    hosts: DEFAULT_EXCLUDED_HOSTS,
    addresses: ['203.0.113.66'],
    urls: ['http://x.example.com/'],
  });

  it('matches CIDRs of both families, mapped IPv4 and fixed values', () => {
    expect(list.isExcluded('Address', '10.0.0.1')).toBe(true);
    expect(list.isExcluded('Address', '::ffff:10.0.0.1')).toBe(true);
    expect(list.isExcluded('Address', 'fe80::1')).toBe(true);
    expect(list.isExcluded('Address', '203.0.113.66')).toBe(true);
    expect(list.isExcluded('Address', '203.0.113.67')).toBe(false);
    expect(list.isExcluded('Address', '2001:db8::1')).toBe(false);
  });

  it('matches host suffixes on label boundaries and URLs exactly', () => {
    expect(list.isExcluded('Host', 'printer.local')).toBe(true);
    expect(list.isExcluded('Host', 'notlocal.example')).toBe(false);
    expect(list.isExcluded('Host', 'evillocal')).toBe(false);
    expect(list.isExcluded('URL', 'http://x.example.com/')).toBe(true);
    expect(list.isExcluded('URL', 'http://x.example.com/a')).toBe(false);
    expect(list.isExcluded('File', 'A'.repeat(32))).toBe(false);
  });

  it('refuses a malformed CIDR at construction', () => {
    expect(() => createExclusionList({ cidrs: ['10.0.0.0/33'] })).toThrow();
  });
});
