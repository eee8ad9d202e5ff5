import {
  type BenignEntry,
  createNameMatcher,
  type NameMatcher,
  parseBenignEntry,
} from './benign-domains.js';
import { BUILTIN_BENIGN_DOMAINS } from './builtin-benign-domains.js';
import { IndicatorOptionsError } from './errors.js';
import { createNetworkSet, type NetworkSet } from './network-set.js';
import { splitHostPort } from './address.js';

/** Filter options (the apps map `filters.*` config onto this). Every field has a default. */
export interface IndicatorOptions {
  /** The sandbox's own networks (guests, host-only LAN). Default `['192.168.56.0/24']`. */
  readonly sandboxNetworks?: readonly string[];
  /** Result server address, with or without `:port`. */
  readonly resultServer?: string | null;
  /** The guests' configured DNS resolvers (addresses or CIDRs). */
  readonly resolvers?: readonly string[];
  /** More addresses or CIDRs never sent. */
  readonly ignoreAddresses?: readonly string[];
  /** Ranges a fake DNS (INetSim) answers from: such addresses are not evidence. */
  readonly fakeDnsNetworks?: readonly string[];
  /** CIDRs treated as public although reserved (documentation ranges in tests). */
  readonly treatAsPublic?: readonly string[];
  /** Operator benign list: names (with subdomains), `*.name`, `=name`, addresses and CIDRs. */
  readonly benignDomains?: readonly string[];
  /** Also apply the small built-in list of OS background domains. Default true. */
  readonly builtinBenignDomains?: boolean;
  /** Longer URLs are dropped as `url-too-long`. Default 2048. */
  readonly maxUrlLength?: number;
  /** Also send files the sample dropped. Default false. */
  readonly includeDropped?: boolean;
}

/** Options compiled once (CIDRs parsed, name matcher built); reuse it for every report. */
export interface IndicatorFilters {
  readonly kind: 'indicator-filters';
  readonly sandboxNetworks: NetworkSet;
  readonly resultServer: NetworkSet;
  readonly resolvers: NetworkSet;
  readonly ignoreAddresses: NetworkSet;
  readonly fakeDnsNetworks: NetworkSet;
  readonly treatAsPublic: NetworkSet;
  readonly benignNetworks: NetworkSet;
  readonly benignNames: NameMatcher;
  readonly maxUrlLength: number;
  readonly includeDropped: boolean;
}

/** Default sandbox network: VirtualBox host-only, as Cuckoo's documentation sets it up. */
export const DEFAULT_SANDBOX_NETWORKS: readonly string[] = ['192.168.56.0/24'];
/** Default URL length cap (no public ThreatConnect limit is documented; this is a safe size). */
export const DEFAULT_MAX_URL_LENGTH = 2048;

function benignEntries(options: IndicatorOptions): BenignEntry[] {
  const entries: BenignEntry[] = [];
  const builtin = (options.builtinBenignDomains ?? true) ? BUILTIN_BENIGN_DOMAINS : [];
  for (const text of [...builtin, ...(options.benignDomains ?? [])]) {
    const entry = parseBenignEntry(text);
    if (entry === null) {
      throw new IndicatorOptionsError(
        `filters.benignDomains: ${JSON.stringify(text)} is not a domain name, address or CIDR`,
      );
    }
    entries.push(entry);
  }
  return entries;
}

/** Validates and compiles {@link IndicatorOptions}; throws IndicatorOptionsError on a bad entry. */
export function createIndicatorFilters(options: IndicatorOptions = {}): IndicatorFilters {
  const maxUrlLength = options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
  if (!Number.isSafeInteger(maxUrlLength) || maxUrlLength < 16) {
    throw new IndicatorOptionsError(
      `filters.maxUrlLength must be an integer >= 16, got ${maxUrlLength}`,
    );
  }
  const resultServer =
    options.resultServer == null ? [] : [splitHostPort(options.resultServer).host];
  const benign = benignEntries(options);
  const benignCidrs = benign.flatMap(entry => (entry.kind === 'network' ? [entry.cidr] : []));
  return {
    kind: 'indicator-filters',
    sandboxNetworks: createNetworkSet(
      options.sandboxNetworks ?? DEFAULT_SANDBOX_NETWORKS,
      'filters.sandboxNetworks',
    ),
    resultServer: createNetworkSet(resultServer, 'filters.resultServer'),
    resolvers: createNetworkSet(options.resolvers ?? [], 'filters.resolvers'),
    ignoreAddresses: createNetworkSet(options.ignoreAddresses ?? [], 'filters.ignoreAddresses'),
    fakeDnsNetworks: createNetworkSet(options.fakeDnsNetworks ?? [], 'filters.fakeDnsNetworks'),
    treatAsPublic: createNetworkSet(options.treatAsPublic ?? [], 'filters.treatAsPublic'),
    benignNetworks: createNetworkSet(benignCidrs, 'filters.benignDomains'),
    benignNames: createNameMatcher(benign),
    maxUrlLength,
    includeDropped: options.includeDropped ?? false,
  };
}

/** Accepts either raw options or filters already compiled. */
export function toIndicatorFilters(
  options: IndicatorOptions | IndicatorFilters | undefined,
): IndicatorFilters {
  return options !== undefined && 'kind' in options && options.kind === 'indicator-filters'
    ? options
    : createIndicatorFilters(options as IndicatorOptions | undefined);
}
