import type ipaddr from 'ipaddr.js';
import { parseAddress } from './address.js';
import { IndicatorOptionsError } from './errors.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A set of addresses and CIDR ranges that says which entry an address falls in. */
export interface NetworkSet {
  /** The matching entry as configured (e.g. `192.168.56.0/24`), or null. */
  match(address: ipaddr.IPv4 | ipaddr.IPv6): string | null;
  readonly size: number;
}

/** Parses one `address` or `address/prefix` entry, or returns null when it is neither. */
export function parseNetworkEntry(entry: string): Range | null {
  const text = entry.trim();
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === null) {
    return null;
  }
  const max = address.parsed.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) {
    return [address.parsed, max];
  }
  const bits = text.slice(slash + 1);
  // An IPv4-mapped IPv6 CIDR became IPv4 above; its prefix then counts from bit 96.
  const mappedOffset = text.includes(':') && max === 32 ? 96 : 0;
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) - mappedOffset : NaN;
  return prefix >= 0 && prefix <= max ? [address.parsed, prefix] : null;
}

/** Builds a {@link NetworkSet}; a bad entry is a configuration error naming the option. */
export function createNetworkSet(entries: readonly string[], option: string): NetworkSet {
  const ranges: { text: string; range: Range }[] = [];
  for (const entry of entries) {
    const range = parseNetworkEntry(entry);
    if (range === null) {
      throw new IndicatorOptionsError(
        `${option}: ${JSON.stringify(entry)} is not an address or CIDR`,
      );
    }
    ranges.push({ text: entry.trim(), range });
  }
  return {
    size: ranges.length,
    match(address) {
      for (const { text, range } of ranges) {
        if (range[0].kind() === address.kind() && address.match(range)) {
          return text;
        }
      }
      return null;
    },
  };
}
