// Value rules for Address, Host, URL and File (reference §6). Strict on purpose: whatever our
// client sends must already be normalised, so anything doubtful is refused here.
import ipaddr from 'ipaddr.js';

/** Longest URL accepted. */
export const URL_MAX_LENGTH = 4096;
const HOST_MAX_LENGTH = 253;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/** A valid address in canonical form (IPv4 dotted quad, IPv6 RFC 5952), or null. */
export function normaliseAddress(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) {
    return value;
  }
  if (!value.includes(':') || value.includes('%') || !ipaddr.IPv6.isValid(value)) {
    return null;
  }
  return ipaddr.IPv6.parse(value).toRFC5952String();
}

function isHostLabels(value: string, minLabels: number): boolean {
  if (value.length === 0 || value.length > HOST_MAX_LENGTH) {
    return false;
  }
  const labels = value.split('.');
  const top = labels[labels.length - 1] ?? '';
  return labels.length >= minLabels && labels.every(l => LABEL.test(l)) && !/^\d+$/.test(top);
}

/** A valid host name (lower-case ASCII, at least two labels, non-numeric top label), or null. */
export function normaliseHost(value: unknown): string | null {
  return typeof value === 'string' && isHostLabels(value, 2) ? value : null;
}

function isUrlHost(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) {
    return normaliseAddress(host.slice(1, -1)) !== null;
  }
  return ipaddr.IPv4.isValidFourPartDecimal(host) || isHostLabels(host, 1);
}

/** A valid URL (lower-case scheme and host, ASCII, escaped), or null. Kept as sent. */
export function normaliseUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > URL_MAX_LENGTH || !URL_CHARS.test(value)) {
    return null;
  }
  if (BAD_PERCENT.test(value)) {
    return null;
  }
  const match =
    /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d{1,5}))?(?:[/?#]|$)/.exec(
      value,
    );
  if (!match || !isUrlHost(match[1] ?? '') || Number(match[2] ?? '0') > 65535) {
    return null;
  }
  return value;
}

/** The three hash kinds of a File. */
export type HashKind = 'md5' | 'sha1' | 'sha256';

/** All hash kinds, strongest last. */
export const HASH_KINDS: readonly HashKind[] = ['md5', 'sha1', 'sha256'];

const HASH_LENGTH: Record<HashKind, number> = { md5: 32, sha1: 40, sha256: 64 };

/** The hashes of a File body. */
export type FileHashes = Partial<Record<HashKind, string>>;

/** Upper-case hashes, or null when one is malformed or none is given. */
export function normaliseFileHashes(body: Record<string, unknown>): FileHashes | null {
  const hashes: FileHashes = {};
  for (const kind of HASH_KINDS) {
    const value = body[kind];
    if (value === undefined || value === null || value === '') {
      continue;
    }
    if (
      typeof value !== 'string' ||
      !new RegExp(`^[0-9a-fA-F]{${HASH_LENGTH[kind]}}$`).test(value)
    ) {
      return null;
    }
    hashes[kind] = value.toUpperCase();
  }
  return Object.keys(hashes).length === 0 ? null : hashes;
}

/** The hash kind a lone hash string has by its length, or null. */
export function hashKindOf(value: string): HashKind | null {
  const kind = HASH_KINDS.find(k => HASH_LENGTH[k] === value.length);
  return kind !== undefined && /^[0-9a-fA-F]+$/.test(value) ? kind : null;
}

/** File summary: the present hashes joined with ` : `. */
export function fileSummary(hashes: FileHashes): string {
  return HASH_KINDS.flatMap(kind => (hashes[kind] ? [hashes[kind]] : [])).join(' : ');
}
