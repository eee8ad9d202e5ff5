import { splitHostPort } from './address.js';
import { normaliseHostname } from './hostname.js';
import { byteEscapesToPercent, decodeByteEscapes, hasBrokenText } from './text-escapes.js';

/** The host part of a normalised URL, as the indicator it would be on its own. */
export interface UrlHost {
  readonly type: 'Host' | 'Address';
  readonly value: string;
}

/** The outcome of normalising a URL candidate. */
export type UrlOutcome =
  | { readonly kind: 'url'; readonly value: string; readonly host: UrlHost }
  | { readonly kind: 'invalid'; readonly detail: string }
  | { readonly kind: 'too-long'; readonly value: string };

const SCHEMES = new Set(['http', 'https', 'ftp']);
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ftp: '21' };
const SPLIT = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([\s\S]*)$/;
// RFC 3986 unreserved + reserved characters, plus '%' (checked separately). Everything else,
// including space, quotes, backslash, braces and non-ASCII, is percent-encoded as UTF-8.
const SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]/;

function percentEncode(text: string): string {
  let out = '';
  let fragmentSeen = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += `%${text.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
    } else if (ch === '#' && !fragmentSeen) {
      fragmentSeen = true;
      out += ch;
    } else if (ch !== '#' && SAFE.test(ch)) {
      out += ch;
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

interface Authority {
  readonly kind: 'authority';
  readonly text: string;
  readonly host: UrlHost;
}

function normaliseAuthority(scheme: string, authority: string): Authority | UrlOutcome {
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? percentEncode(authority.slice(0, at)) + '@' : '';
  const { host, port } = splitHostPort(decodeByteEscapes(authority.slice(at + 1)));
  if (host === '') {
    return { kind: 'invalid', detail: 'no host' };
  }
  if (port !== null && port !== '' && !/^\d{1,5}$/.test(port)) {
    return { kind: 'invalid', detail: `bad port ${JSON.stringify(port)}` };
  }
  const outcome = normaliseHostname(host);
  if (outcome.kind === 'invalid') {
    return { kind: 'invalid', detail: `host ${outcome.detail}` };
  }
  const hostText = outcome.value.includes(':') ? `[${outcome.value}]` : outcome.value;
  const portNumber = port === null || port === '' ? null : String(Number(port));
  const portText =
    portNumber === null || portNumber === DEFAULT_PORTS[scheme] ? '' : `:${portNumber}`;
  const type = outcome.kind === 'host' ? 'Host' : 'Address';
  return {
    kind: 'authority',
    text: `${userinfo}${hostText}${portText}`,
    host: { type, value: outcome.value },
  };
}

/**
 * Normalises a URL: lower-case scheme and host, punycode host, default port removed, unsafe
 * characters percent-encoded (space as %20, `\xNN` as %NN), a trailing `?` kept, length capped.
 * A URL without a scheme is read as http.
 */
export function normaliseUrl(raw: string, maxLength: number): UrlOutcome {
  const trimmed = raw.trim();
  // Normalisation shortens a URL by little (`\xNN` → `%NN`, a default port), so a raw value
  // over twice the cap can be refused without encoding megabytes of it first.
  if (trimmed.length > maxLength * 2) {
    return { kind: 'too-long', value: trimmed };
  }
  if (hasBrokenText(trimmed)) {
    return { kind: 'invalid', detail: 'contains undecodable bytes' };
  }
  const match = SPLIT.exec(trimmed) ?? SPLIT.exec(`http://${trimmed.replace(/^\/\//, '')}`);
  if (match === null) {
    return { kind: 'invalid', detail: 'not an absolute URL' };
  }
  const scheme = (match[1] ?? '').toLowerCase();
  if (!SCHEMES.has(scheme)) {
    return { kind: 'invalid', detail: `unsupported scheme ${JSON.stringify(scheme)}` };
  }
  const authority = normaliseAuthority(scheme, match[2] ?? '');
  if (authority.kind !== 'authority') {
    return authority;
  }
  let rest = percentEncode(byteEscapesToPercent(match[3] ?? ''));
  if (rest === '' || rest.startsWith('?') || rest.startsWith('#')) {
    rest = `/${rest}`;
  }
  const url = `${scheme}://${authority.text}${rest}`;
  if (url.length > maxLength) {
    return { kind: 'too-long', value: url };
  }
  return { kind: 'url', value: url, host: authority.host };
}
