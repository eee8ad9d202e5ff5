import type { ReportFlavour } from './types.js';

/** The shape hints flavour detection looks at besides `info`. */
export interface FlavourHints {
  readonly version: string | null;
  readonly startedIsNumber: boolean;
  /** `network.hosts` held `{ip}` objects. */
  readonly objectHosts: boolean;
  /** `network.dns` held legacy `{hostname, ip}` entries. */
  readonly legacyDns: boolean;
}

/** Detects the producer per reference §5: CAPE, then 2.x, then 1.x, then fork shapes. */
export function detectFlavour(hints: FlavourHints): ReportFlavour {
  const version = hints.version ?? '';
  if (/cape/i.test(version)) {
    return 'cape';
  }
  if (hints.legacyDns) {
    return 'cuckoo-fork';
  }
  if (hints.startedIsNumber || /^2\./.test(version)) {
    return 'cuckoo-2.0';
  }
  if (/^1\./.test(version)) {
    return hints.objectHosts ? 'cuckoo-fork' : 'cuckoo-1.2';
  }
  return hints.objectHosts ? 'cuckoo-fork' : 'unknown';
}
