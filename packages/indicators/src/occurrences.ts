import { parseAddress } from './address.js';
import type { Candidate } from './candidates.js';
import { normaliseHostname } from './hostname.js';
import type { DropReason } from './types.js';
import { normaliseUrl, type UrlHost } from './url.js';

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

function resolvedName(raw: string | null): string | null {
  if (raw === null) {
    return null;
  }
  const outcome = normaliseHostname(raw);
  return outcome.kind === 'invalid' ? raw.trim().toLowerCase() : outcome.value;
}

function base(
  candidate: Candidate,
): Pick<Occurrence, 'section' | 'resolvedFrom' | 'ptrRequest' | 'urlHost'> {
  return {
    section: candidate.section,
    resolvedFrom: resolvedName(candidate.resolvedFrom),
    ptrRequest: candidate.ptrRequest,
    urlHost: null,
  };
}

function fromUrl(candidate: Candidate, maxUrlLength: number): (Occurrence | RawDrop)[] {
  const outcome = normaliseUrl(candidate.raw, maxUrlLength);
  const { section } = candidate;
  if (outcome.kind === 'invalid') {
    return [
      { type: 'URL', value: candidate.raw, reason: 'invalid-url', detail: outcome.detail, section },
    ];
  }
  if (outcome.kind === 'too-long') {
    const detail = `longer than ${maxUrlLength} characters`;
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
  maxUrlLength: number,
): (Occurrence | RawDrop)[] {
  const { section } = candidate;
  if (candidate.kind === 'url') {
    return fromUrl(candidate, maxUrlLength);
  }
  if (candidate.kind === 'address') {
    const address = parseAddress(candidate.raw);
    if (address === null) {
      return [
        { type: 'Address', value: candidate.raw, reason: 'invalid-address', detail: null, section },
      ];
    }
    return [{ ...base(candidate), type: 'Address', value: address.value }];
  }
  const outcome = normaliseHostname(candidate.raw);
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
  return [{ ...base(candidate), type, value: outcome.value }];
}

/** True for a drop record. */
export function isRawDrop(item: Occurrence | RawDrop): item is RawDrop {
  return 'reason' in item;
}
