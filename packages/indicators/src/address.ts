import ipaddr from 'ipaddr.js';

// ipaddr's validity check throws and catches internally on non-addresses, which costs ~60 µs per
// host name; this shape test keeps it for strings that can be a dotted quad at all.
const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** A parsed, canonical address. */
export interface CanonicalAddress {
  /** Dotted quad, or RFC 5952 text for IPv6. */
  readonly value: string;
  readonly parsed: ipaddr.IPv4 | ipaddr.IPv6;
}

/**
 * Parses an address strictly: IPv4 only as a dotted quad of decimals (no `1.2.3`, no octal/hex
 * parts), IPv6 in any valid text form (zone id dropped, IPv4-mapped turned into IPv4).
 */
export function parseAddress(raw: string): CanonicalAddress | null {
  let text = raw.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    text = text.slice(1, -1);
  }
  if (DOTTED_QUAD.test(text) && ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const parsed = ipaddr.IPv4.parse(text);
    return { value: parsed.toString(), parsed };
  }
  const zoneless = text.split('%')[0] ?? '';
  if (!zoneless.includes(':') || !ipaddr.IPv6.isValid(zoneless)) {
    return null;
  }
  const v6 = ipaddr.IPv6.parse(zoneless);
  if (v6.isIPv4MappedAddress()) {
    const parsed = v6.toIPv4Address();
    return { value: parsed.toString(), parsed };
  }
  return { value: v6.toRFC5952String(), parsed: v6 };
}

/** A `host[:port]` split; `port` is null when absent. */
export interface HostPort {
  readonly host: string;
  readonly port: string | null;
}

/** Splits `host:port`, `[v6]:port`, `[v6]` and bare IPv6 (which has no port) correctly. */
export function splitHostPort(text: string): HostPort {
  const value = text.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end > 0) {
      const rest = value.slice(end + 1);
      return { host: value.slice(1, end), port: rest.startsWith(':') ? rest.slice(1) : null };
    }
    return { host: value, port: null };
  }
  const first = value.indexOf(':');
  if (first >= 0 && first === value.lastIndexOf(':')) {
    return { host: value.slice(0, first), port: value.slice(first + 1) };
  }
  return { host: value, port: null };
}
