import { parseAddress } from './address.js';
import type { IndicatorFilters } from './indicator-options.js';
import type { DropReason } from './types.js';
import type { UrlHost } from './url.js';

/** All occurrences of one (type, value). */
export interface ValueGroup {
  readonly type: 'Address' | 'Host' | 'URL';
  readonly value: string;
  /** Distinct sections in first-seen order (a handful at most, so a list beats a Set). */
  readonly sections: string[];
  /** Names this value answered for. */
  /** Null until the value is seen as an answer (most values never are). */
  resolvedFrom: Set<string> | null;
  /** Seen at least once other than as a DNS answer / resolution. */
  direct: boolean;
  /** Every occurrence was a PTR question. */
  ptrOnly: boolean;
  urlHost: UrlHost | null;
}

/** Why a value is not sent. */
export interface Verdict {
  readonly reason: DropReason;
  readonly detail: string | null;
}

const REVERSE_ZONES = ['in-addr.arpa', 'ip6.arpa'];
// Special-use and private-use names that never exist on the public DNS.
const NON_PUBLIC_TLDS = [
  'local',
  'localhost',
  'localdomain',
  'internal',
  'lan',
  'home.arpa',
  'invalid',
  'arpa',
];

function endsWithZone(name: string, zones: readonly string[]): string | null {
  return zones.find(zone => name === zone || name.endsWith(`.${zone}`)) ?? null;
}

// A value that only benign names resolved to is their traffic. If any other name resolved to it
// too (shared CDN address), it is kept.
function benignResolution(group: ValueGroup, filters: IndicatorFilters): Verdict | null {
  const names = [...(group.resolvedFrom ?? [])];
  const benign = names.filter(name => filters.benignNames.match(name) !== null);
  if (benign.length === 0 || benign.length < names.length) {
    return null;
  }
  return { reason: 'resolved-from-benign-domain', detail: `resolved from ${benign.join(', ')}` };
}

function addressVerdict(group: ValueGroup, filters: IndicatorFilters): Verdict | null {
  const address = parseAddress(group.value);
  if (address === null) {
    return { reason: 'invalid-address', detail: null };
  }
  const { parsed } = address;
  const checks: [DropReason, IndicatorFilters['sandboxNetworks']][] = [
    ['ignored-address', filters.ignoreAddresses],
    ['result-server', filters.resultServer],
    ['sandbox-network', filters.sandboxNetworks],
    ['resolver', filters.resolvers],
    ['fake-dns-answer', filters.fakeDnsNetworks],
    ['benign-network', filters.benignNetworks],
  ];
  for (const [reason, set] of checks) {
    const entry = set.match(parsed);
    if (entry !== null) {
      return { reason, detail: `in ${entry}` };
    }
  }
  const range = parsed.range();
  if (range !== 'unicast' && filters.treatAsPublic.match(parsed) === null) {
    return { reason: 'not-public', detail: `${range} range` };
  }
  return benignResolution(group, filters);
}

function hostVerdict(group: ValueGroup, filters: IndicatorFilters): Verdict | null {
  const name = group.value;
  const reverse = endsWithZone(name, REVERSE_ZONES);
  if (reverse !== null || group.ptrOnly) {
    return { reason: 'reverse-lookup-name', detail: reverse === null ? 'PTR question' : null };
  }
  if (!name.includes('.')) {
    return { reason: 'single-label-name', detail: null };
  }
  const zone = endsWithZone(name, NON_PUBLIC_TLDS);
  if (zone !== null) {
    return { reason: 'non-public-name', detail: `under .${zone}` };
  }
  const benign = filters.benignNames.match(name);
  if (benign !== null) {
    return { reason: 'benign-domain', detail: benign === name ? null : `under ${benign}` };
  }
  return group.direct ? null : benignResolution(group, filters);
}

/** Decides whether an Address or Host value is sent; null means it is. */
export function networkVerdict(group: ValueGroup, filters: IndicatorFilters): Verdict | null {
  return group.type === 'Address' ? addressVerdict(group, filters) : hostVerdict(group, filters);
}

/** A URL is dropped when its host (Host or Address) was dropped. */
export function urlVerdict(
  group: ValueGroup,
  hostVerdict: Verdict | null | undefined,
): Verdict | null {
  if (hostVerdict === null || hostVerdict === undefined || group.urlHost === null) {
    return null;
  }
  return { reason: 'url-on-dropped-host', detail: `${group.urlHost.value}: ${hostVerdict.reason}` };
}
