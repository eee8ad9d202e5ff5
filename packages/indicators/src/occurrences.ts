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

function base(
  candidate: Candidate,
  cache: ValueCache,
): Pick<Occurrence, 'section' | 'resolvedFrom' | 'ptrRequest' | 'urlHost'> {
  return {
    section: candidate.section,
    resolvedFrom: resolvedName(candidate.resolvedFrom, cache),
    ptrRequest: candidate.ptrRequest,
    urlHost: null,
  };
}

function fromUrl(candidate: Candidate, cache: ValueCache): (Occurrence | RawDrop)[] {
  const outcome = cache.url(candidate.raw);
  const { section } = candidate;
  if (outcome.kind === 'invalid') {
    return [
      { type: 'URL', value: candidate.raw, reason: 'invalid-url', detail: outcome.detail, section },
    ];
  }
  if (outcome.kind === 'too-long') {
    const detail = `longer than ${cache.maxUrlLength} characters`;
    return [{ type: 'URL', value: outcome.value, reason: 'url-too-long', detail, section }];
  }
  const host = outcome.host;
  const shared = { section, resolvedFrom: null, ptrRequest: false };
  return [
    { ...shared, type: 'URL', value: outcome.value, urlHost: host },
    { ...shared, type: host.type, value: host.value, urlHost: null },
  ];
}

/** Normalises one candidate into occurrences (a URL also yields its host) or a drop record. */
export function normaliseCandidate(
  candidate: Candidate,
  cache: ValueCache,
): (Occurrence | RawDrop)[] {
  const { section } = candidate;
  if (candidate.kind === 'url') {
    return fromUrl(candidate, cache);
  }
  if (candidate.kind === 'address') {
    const address = cache.address(candidate.raw);
    if (address === null) {
      return [
        { type: 'Address', value: candidate.raw, reason: 'invalid-address', detail: null, section },
      ];
    }
    return [{ ...base(candidate, cache), type: 'Address', value: address.value }];
  }
  const outcome = cache.host(candidate.raw);
  if (outcome.kind === 'invalid') {
    return [
      {
        type: 'Host',
        value: candidate.raw,
        reason: 'invalid-hostname',
        detail: outcome.detail,
        section,
      },
    ];
  }
  // A PTR question is never a Host: keep it as a Host drop even when it is an address literal.
  const type = outcome.kind === 'host' || candidate.ptrRequest ? 'Host' : 'Address';
  return [{ ...base(candidate, cache), type, value: outcome.value }];
}

/** True for a drop record. */
export function isRawDrop(item: Occurrence | RawDrop): item is RawDrop {
  return 'reason' in item;
}
