import { normaliseHostname } from './hostname.js';
import { parseNetworkEntry } from './network-set.js';

/** One benign-list entry, parsed. */
export type BenignEntry =
  | {
      readonly kind: 'name';
      readonly name: string;
      readonly match: 'suffix' | 'exact' | 'subdomains';
    }
  | { readonly kind: 'network'; readonly cidr: string };

/**
 * Parses one entry: `example.com` (the name and its subdomains), `*.example.com` (subdomains
 * only), `=www.example.com` (exactly that name), or an address / CIDR. Null when invalid.
 */
export function parseBenignEntry(entry: string): BenignEntry | null {
  const text = entry.trim();
  if (parseNetworkEntry(text) !== null) {
    return { kind: 'network', cidr: text };
  }
  let match: 'suffix' | 'exact' | 'subdomains' = 'suffix';
  let name = text;
  if (name.startsWith('=')) {
    match = 'exact';
    name = name.slice(1);
  } else if (name.startsWith('*.')) {
    match = 'subdomains';
    name = name.slice(2);
  } else if (name.startsWith('.')) {
    match = 'subdomains';
    name = name.slice(1);
  }
  const outcome = normaliseHostname(name);
  return outcome.kind === 'host' ? { kind: 'name', name: outcome.value, match } : null;
}

/** Matches normalised host names on label boundaries (`evilwindowsupdate.com` is not `windowsupdate.com`). */
export interface NameMatcher {
  /** The entry that matched, or null. */
  match(name: string): string | null;
}

/** Builds a {@link NameMatcher} from parsed name entries. */
export function createNameMatcher(entries: readonly BenignEntry[]): NameMatcher {
  const exact = new Set<string>();
  const suffix = new Set<string>();
  const subdomains = new Set<string>();
  for (const entry of entries) {
    if (entry.kind === 'name') {
      (entry.match === 'exact' ? exact : entry.match === 'suffix' ? suffix : subdomains).add(
        entry.name,
      );
    }
  }
  return {
    match(name) {
      if (exact.has(name) || suffix.has(name)) {
        return name;
      }
      for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
        const parent = name.slice(dot + 1);
        if (suffix.has(parent) || subdomains.has(parent)) {
          return parent;
        }
      }
      return null;
    },
  };
}

/** A line of a benign-domain list file that could not be used. */
export interface BenignListProblem {
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

/** Entries of a benign-domain list file, plus the lines that were not understood. */
export interface BenignList {
  readonly entries: string[];
  readonly problems: BenignListProblem[];
}

/**
 * Parses the text of a benign-domain list file: one entry per line, `#` starts a comment, blank
 * lines ignored. Reading the file is the caller's job.
 */
export function parseBenignDomainList(text: string): BenignList {
  const entries: string[] = [];
  const problems: BenignListProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = (raw.split('#')[0] ?? '').trim();
    if (line === '') {
      return;
    }
    if (/\s/.test(line) || parseBenignEntry(line) === null) {
      problems.push({ line: i + 1, text: line, message: 'not a domain name, address or CIDR' });
      return;
    }
    entries.push(line);
  });
  return { entries, problems };
}
