import { type CanonicalAddress, parseAddress } from './address.js';
import type { Candidate } from './candidates.js';
import { type HostnameOutcome, normaliseHostname } from './hostname.js';
import type { DropReason } from './types.js';
import { normaliseUrl, type UrlHost, type UrlOutcome } from './url.js';

/** Per-report memo of value normalisation: the guest address alone recurs in every flow. */
export class ValueCache {
  private readonly addresses = new Map<string, CanonicalAddress | null>();
  private readonly hosts = new Map<string, HostnameOutcome>();
  private readonly urls = new Map<string, UrlOutcome>();

  constructor(readonly maxUrlLength: number) {}

  address(raw: string): CanonicalAddress | null {
    return memo(this.addresses, raw, parseAddress);
  }

  host(raw: string): HostnameOutcome {
    return memo(this.hosts, raw, normaliseHostname);
  }

  url(raw: string): UrlOutcome {
    return memo(this.urls, raw, text => normaliseUrl(text, this.maxUrlLength));
  }
}

function memo<T>(map: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = map.get(key);
  if (value === undefined && !map.has(key)) {
    value = compute(key);
    map.set(key, value);
  }
  return value as T;
}

/** A normalised value seen in one section. */
export interface Occurrence {
  readonly type: 'Address' | 'Host' | 'URL';
  readonly value: string;
  readonly section: string;
  /** Normalised name this value answered for (or the raw name, lower-case, when it was invalid). */
  readonly resolvedFrom: string | null;
  readonly ptrRequest: boolean;
  /** For URLs: the host part as its own indicator. */
  readonly urlHost: UrlHost | null;
}

/** A candidate that failed normalisation. */
export interface RawDrop {
  readonly type: 'Address' | 'Host' | 'URL';
  readonly value: string;
  readonly reason: DropReason;
  readonly detail: string | null;
  readonly section: string;
}

function resolvedName(raw: string | null, cache: ValueCache): string | null {
  if (raw === null) {
    return null;
  }
  const outcome = cache.host(raw);
  return outcome.kind === 'invalid' ? raw.trim().toLowerCase() : outcome.value;
}

// Occurrences and drops are built by these two helpers only, so every object has one shape.
function occurrence(
  type: Occurrence['type'],
  value: string,
  candidate: Candidate,
  resolvedFrom: string | null,
  urlHost: UrlHost | null,
): Occurrence {
  return {
    type,
    value,
    section: candidate.section,
    resolvedFrom,
    ptrRequest: candidate.ptrRequest,
    urlHost,
  };
}

function drop(
  type: RawDrop['type'],
  value: string,
  reason: DropReason,
  detail: string | null,
  section: string,
): RawDrop {
  return { type, value, reason, detail, section };
}

function fromUrl(candidate: Candidate, cache: ValueCache): (Occurrence | RawDrop)[] {
  const outcome = cache.url(candidate.raw);
  if (outcome.kind === 'invalid') {
    return [drop('URL', candidate.raw, 'invalid-url', outcome.detail, candidate.section)];
  }
  if (outcome.kind === 'too-long') {
    const detail = `longer than ${cache.maxUrlLength} characters`;
    return [drop('URL', outcome.value, 'url-too-long', detail, candidate.section)];
  }
  const host = outcome.host;
  return [
    occurrence('URL', outcome.value, candidate, null, host),
    occurrence(host.type, host.value, candidate, null, null),
  ];
}

/** Normalises one candidate into occurrences (a URL also yields its host) or a drop record. */
export function normaliseCandidate(
  candidate: Candidate,
  cache: ValueCache,
): (Occurrence | RawDrop)[] {
  if (candidate.kind === 'url') {
    return fromUrl(candidate, cache);
  }
  const resolvedFrom = resolvedName(candidate.resolvedFrom, cache);
  if (candidate.kind === 'address') {
    const address = cache.address(candidate.raw);
    return address === null
      ? [drop('Address', candidate.raw, 'invalid-address', null, candidate.section)]
      : [occurrence('Address', address.value, candidate, resolvedFrom, null)];
  }
  const outcome = cache.host(candidate.raw);
  if (outcome.kind === 'invalid') {
    return [drop('Host', candidate.raw, 'invalid-hostname', outcome.detail, candidate.section)];
  }
  // A PTR question is never a Host: keep it as a Host drop even when it is an address literal.
  const type = outcome.kind === 'host' || candidate.ptrRequest ? 'Host' : 'Address';
  return [occurrence(type, outcome.value, candidate, resolvedFrom, null)];
}

/** True for a drop record. */
export function isRawDrop(item: Occurrence | RawDrop): item is RawDrop {
  return 'reason' in item;
}
