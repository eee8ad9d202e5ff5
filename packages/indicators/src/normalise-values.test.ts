import { describe, expect, it } from 'vitest';
import { parseAddress, splitHostPort } from './address.js';
import { normaliseHostname } from './hostname.js';
import { decodeByteEscapes, hasBrokenText } from './text-escapes.js';
import { normaliseUrl } from './url.js';

describe('parseAddress', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    [' 203.0.113.5 ', '203.0.113.5'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['::ffff:198.51.100.9', '198.51.100.9'],
    ['::ffff:c633:6409', '198.51.100.9'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('accepts %s as %s', (raw, value) => {
    expect(parseAddress(raw)?.value).toBe(value);
  });

  it.each([
    '1.2.3',
    '010.1.1.1',
    '0x7f.0.0.1',
    '1.2.3.4.5',
    '256.1.1.1',
    'behavior',
    '',
    '1.2.3.4:80',
    'example.com',
  ])('rejects %j', raw => {
    expect(parseAddress(raw)).toBeNull();
  });
});

describe('splitHostPort', () => {
  it.each([
    ['example.com', 'example.com', null],
    ['example.com:8080', 'example.com', '8080'],
    ['[2001:db8::1]:443', '2001:db8::1', '443'],
    ['[2001:db8::1]', '2001:db8::1', null],
    ['2001:db8::1', '2001:db8::1', null],
    ['198.51.100.1:80', '198.51.100.1', '80'],
  ])('splits %s', (text, host, port) => {
    expect(splitHostPort(text)).toEqual({ host, port });
  });
});

describe('byte escapes and broken text', () => {
  it('decodes convert_to_printable escapes as UTF-8', () => {
    expect(decodeByteEscapes('\\xd0\\xbf\\xd1\\x80.example')).toBe('пр.example');
    expect(decodeByteEscapes('plain')).toBe('plain');
  });

  it.each([
    ['replacement char', '\uFFFD', true],
    ['lone high surrogate', 'a\uD800b', true],
    ['lone low surrogate', 'a\uDC8Fb', true],
    ['pair', 'a\uD83D\uDE00b', false],
    ['plain', 'abc', false],
  ])('%s', (_label, text, broken) => {
    expect(hasBrokenText(text)).toBe(broken);
  });
});

describe('normaliseHostname', () => {
  it.each([
    ['WWW.Example.COM.', 'host', 'www.example.com'],
    ['пример.испытание', 'host', 'xn--e1afmkfd.xn--80akhbyknj4f'],
    [
      '\\xd0\\xbf\\xd1\\x80\\xd0\\xb8\\xd0\\xbc\\xd0\\xb5\\xd1\\x80.example.com',
      'host',
      'xn--e1afmkfd.example.com',
    ],
    ['xn--e1afmkfd.example.com', 'host', 'xn--e1afmkfd.example.com'],
    ['a-b.example.net', 'host', 'a-b.example.net'],
    ['wpad', 'host', 'wpad'],
    ['198.51.100.74', 'address', '198.51.100.74'],
    ['[2001:db8::5]', 'address', '2001:db8::5'],
  ])('normalises %s', (raw, kind, value) => {
    expect(normaliseHostname(raw)).toEqual({ kind, value });
  });

  it.each([
    ['sys_update01.example.net', 'character "_" not allowed'],
    [`${'a'.repeat(64)}.example.net`, 'label longer than 63 characters'],
    [`${'abcdefghi.'.repeat(26)}com`, 'longer than 253 characters'],
    ['ltpy.i51fu.com.8.8.8.8', 'all-numeric top-level label'],
    ['a..example.com', 'empty label'],
    ['bad\uDC8F.example.net', 'contains undecodable bytes'],
    ['\\xff\\xfe.example.net', 'contains undecodable bytes'],
    ['exa mple.com', 'character " " not allowed'],
    ['.', 'empty name'],
  ])('rejects %s', (raw, detail) => {
    expect(normaliseHostname(raw)).toEqual({ kind: 'invalid', detail });
  });
});

describe('normaliseUrl', () => {
  it.each([
    ['http://files.example.net/dl.php?', 'http://files.example.net/dl.php?'],
    [
      'http://files.example.net/get?id=1&name=\\xd0\\xbf\\xd1\\x80',
      'http://files.example.net/get?id=1&name=%D0%BF%D1%80',
    ],
    ['http://files.example.net/my file.exe', 'http://files.example.net/my%20file.exe'],
    ['HTTP://Files.Example.NET:80/A', 'http://files.example.net/A'],
    ['https://example.com:443', 'https://example.com/'],
    ['http://example.com:8080?q', 'http://example.com:8080/?q'],
    ['http://example.com/a%2fb', 'http://example.com/a%2Fb'],
    ['http://example.com/100%', 'http://example.com/100%25'],
    ['http://example.com/p?a="<x>"', 'http://example.com/p?a=%22%3Cx%3E%22'],
    ['http://example.com/a\\b', 'http://example.com/a%5Cb'],
    ['http://example.com/путь', 'http://example.com/%D0%BF%D1%83%D1%82%D1%8C'],
    ['http://example.com/#a#b', 'http://example.com/#a%23b'],
    ['http://[2001:DB8::1]:8080/x', 'http://[2001:db8::1]:8080/x'],
    ['http://пример.испытание/', 'http://xn--e1afmkfd.xn--80akhbyknj4f/'],
    ['landing.example.org/login', 'http://landing.example.org/login'],
    ['http://user:pw@example.com/', 'http://user:pw@example.com/'],
  ])('normalises %s', (raw, value) => {
    const outcome = normaliseUrl(raw, 2048);
    expect(outcome.kind === 'url' ? outcome.value : outcome).toBe(value);
  });

  it('reports the host part as its own indicator', () => {
    expect(normaliseUrl('http://198.51.100.50/gate.php', 2048)).toMatchObject({
      host: { type: 'Address', value: '198.51.100.50' },
    });
    expect(normaliseUrl('https://c2.example.org:8443/', 2048)).toMatchObject({
      host: { type: 'Host', value: 'c2.example.org' },
    });
  });

  it.each([
    ['http:///x', 'no host'],
    ['http://:8080/x', 'no host'],
    ['http://example.com:http/x', 'bad port "http"'],
    ['javascript://alert(1)', 'unsupported scheme "javascript"'],
    ['http://bad_host.example.com/', 'host character "_" not allowed'],
    ['http://example.com/\uD800', 'contains undecodable bytes'],
  ])('rejects %s', (raw, detail) => {
    expect(normaliseUrl(raw, 2048)).toEqual({ kind: 'invalid', detail });
  });

  it('refuses a huge raw value without encoding it', () => {
    const raw = `http://example.com/${'x'.repeat(100_000)}`;
    expect(normaliseUrl(raw, 2048)).toEqual({ kind: 'too-long', value: raw });
  });

  it('caps the length after normalisation', () => {
    const outcome = normaliseUrl(`http://example.com/${'a b'.repeat(10)}`, 40);
    expect(outcome).toEqual({
      kind: 'too-long',
      value: `http://example.com/${'a%20b'.repeat(10)}`,
    });
  });
});
