// What the old reporting module sent for one analysis, taken from our own parse result so that
// both sides send exactly the same indicators (the comparison is about the call pattern).
import type { ParseResult } from '@cuckoo-tc/indicators';

/** A network indicator as the seed created it (v2 type path and body field). */
export interface SeedNetworkIndicator {
  /** v2 path segment: addresses, hosts or urls. */
  path: 'addresses' | 'hosts' | 'urls';
  /** Body field: ip, hostName or text. */
  field: 'ip' | 'hostName' | 'text';
  value: string;
}

/** The submitted file as the seed created it. */
export interface SeedFile {
  md5: string;
  sha1: string | null;
  sha256: string | null;
  size: number | null;
  fileName: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
}

/** One analysis in the seed's terms. */
export interface SeedAnalysis {
  taskId: number;
  name: string;
  sourceLink: string;
  network: SeedNetworkIndicator[];
  file: SeedFile | null;
}

const V2_TYPES = {
  Address: { path: 'addresses', field: 'ip' },
  Host: { path: 'hosts', field: 'hostName' },
  URL: { path: 'urls', field: 'text' },
} as const;

/** The seed's view of `result`; N (indicators sent) is `network.length + (file ? 1 : 0)`. */
export function seedAnalysisOf(
  result: ParseResult,
  taskId: number,
  linkTemplate: string,
): SeedAnalysis {
  const network: SeedNetworkIndicator[] = [];
  let file: SeedFile | null = null;
  for (const indicator of result.indicators) {
    if (indicator.type !== 'File') {
      network.push({ ...V2_TYPES[indicator.type], value: indicator.value });
    } else if (indicator.md5 !== null && file === null) {
      const occurrence = indicator.fileOccurrences[0];
      file = {
        md5: indicator.md5,
        sha1: indicator.sha1,
        sha256: indicator.sha256,
        size: indicator.size,
        fileName: occurrence?.fileName ?? null,
        date: occurrence?.date?.slice(0, 10) ?? null,
      };
    }
  }
  return {
    taskId,
    name: result.incident.name,
    sourceLink: linkTemplate.replace('{id}', String(taskId)),
    network,
    file,
  };
}

/** Indicators the seed sends for `analysis`. */
export function seedIndicatorCount(analysis: SeedAnalysis): number {
  return analysis.network.length + (analysis.file ? 1 : 0);
}
