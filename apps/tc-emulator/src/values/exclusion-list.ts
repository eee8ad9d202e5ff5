// The system-wide exclusion lists: CIDRs and fixed addresses, host names (with `*.` suffix
// entries) and fixed URLs. A match is a 403, never a silent drop.
import ipaddr from 'ipaddr.js';
import type { ExclusionListOptions } from '../options.js';
import type { IndicatorType } from '../store/records.js';

/** Decides whether a (valid, normalised) indicator value is excluded. */
export interface ExclusionList {
  isExcluded(type: IndicatorType, value: string): boolean;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

function toComparable(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(value)) {
    return null;
  }
  const parsed = ipaddr.parse(value);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

function inCidr(address: ipaddr.IPv4 | ipaddr.IPv6, [network, bits]: Cidr): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

function hostMatches(host: string, entry: string): boolean {
  return entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry;
}

/** Builds the lists; throws on a malformed CIDR so a bad config fails at start. */
export function createExclusionList(options: ExclusionListOptions): ExclusionList {
  const cidrs = (options.cidrs ?? []).map(cidr => ipaddr.parseCIDR(cidr) as Cidr);
  const addresses = (options.addresses ?? []).map(a => toComparable(a)?.toString());
  const hosts = (options.hosts ?? []).map(h => h.toLowerCase());
  const urls = new Set(options.urls ?? []);
  return {
    isExcluded(type, value) {
      if (type === 'Host') {
        return hosts.some(entry => hostMatches(value, entry));
      }
      if (type === 'URL') {
        return urls.has(value);
      }
      if (type !== 'Address') {
        return false;
      }
      const address = toComparable(value);
      return (
        address !== null &&
        (addresses.includes(address.toString()) || cidrs.some(cidr => inCidr(address, cidr)))
      );
    },
  };
}
