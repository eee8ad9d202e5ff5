import { domainToASCII } from 'node:url';
import { parseAddress } from './address.js';
import { decodeByteEscapes, hasBrokenText } from './text-escapes.js';

/** The outcome of normalising a host name candidate. */
export type HostnameOutcome =
  | { readonly kind: 'host'; readonly value: string }
  | { readonly kind: 'address'; readonly value: string }
  | { readonly kind: 'invalid'; readonly detail: string };

const LABEL = /^[a-z0-9-]+$/;

function invalid(detail: string): HostnameOutcome {
  return { kind: 'invalid', detail };
}

function checkLabels(name: string): string | null {
  if (name.length > 253) {
    return 'longer than 253 characters';
  }
  const labels = name.split('.');
  for (const label of labels) {
    if (label === '') {
      return 'empty label';
    }
    if (label.length > 63) {
      return 'label longer than 63 characters';
    }
    if (!LABEL.test(label)) {
      const bad = [...label].find(ch => !/[a-z0-9-]/.test(ch)) ?? '?';
      return `character ${JSON.stringify(bad)} not allowed`;
    }
  }
  const tld = labels.at(-1) ?? '';
  return labels.length > 1 && /^\d+$/.test(tld) ? 'all-numeric top-level label' : null;
}

/**
 * Normalises a host name: `\xNN` bytes decoded as UTF-8, lower-case, trailing dot removed, IDN to
 * punycode, labels of letters/digits/hyphen (1-63), at most 253 characters, no all-numeric TLD.
 * An address literal comes back as an address.
 */
export function normaliseHostname(raw: string): HostnameOutcome {
  const decoded = decodeByteEscapes(raw.trim());
  if (hasBrokenText(decoded)) {
    return invalid('contains undecodable bytes');
  }
  const address = parseAddress(decoded);
  if (address !== null) {
    return { kind: 'address', value: address.value };
  }
  let name = decoded.toLowerCase();
  if (name.endsWith('.')) {
    name = name.slice(0, -1);
  }
  if (name === '') {
    return invalid('empty name');
  }
  const ascii = /^[ -~]+$/.test(name) ? name : domainToASCII(name);
  if (ascii === '') {
    return invalid('not a valid internationalised name');
  }
  const problem = checkLabels(ascii);
  return problem === null ? { kind: 'host', value: ascii } : invalid(problem);
}
