// Small generated Cuckoo 2.0-style reports in a storage layout (analyses/<id>/reports/report.json)
// for the throughput and footprint benchmarks. Addresses come from the documentation ranges
// (the workers treat them as public via filters.treatAsPublic); host names are unique per
// analysis so that each analysis does real ThreatConnect work.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What one generated report holds. */
export interface GeneratedShape {
  /** Unique host names per analysis (each one Host indicator). */
  hosts: number;
  /** Addresses per analysis, drawn from 203.0.113.0/24 (they recur across analyses). */
  addresses: number;
}

const hex = (text: string, algorithm: string): string =>
  createHash(algorithm).update(text).digest('hex');

/** The report of analysis `id`. */
export function generatedReport(id: number, shape: GeneratedShape): object {
  const hosts = Array.from({ length: shape.hosts }, (_, i) => `h${i}-t${id}.bench.example.net`);
  const addresses = Array.from(
    { length: shape.addresses },
    (_, i) => `203.0.113.${((id + i) % 254) + 1}`,
  );
  const body = `sample ${id}`;
  return {
    info: { version: '2.0.7', id, category: 'file', started: '2026-11-02 10:00:00' },
    target: {
      category: 'file',
      file: {
        name: `sample-${id}.exe`,
        size: 1000 + id,
        md5: hex(body, 'md5'),
        sha1: hex(body, 'sha1'),
        sha256: hex(body, 'sha256'),
      },
    },
    network: {
      hosts: addresses,
      domains: hosts.map((domain, i) => ({
        domain,
        ip: addresses[i % Math.max(1, addresses.length)] ?? '',
      })),
    },
  };
}

/** Where analysis `id`'s report lives below `storageDir`. */
export function reportPathIn(storageDir: string, id: number): string {
  return path.join(storageDir, 'analyses', String(id), 'reports', 'report.json');
}

/** Writes reports for analyses `1..count` below `storageDir`. */
export async function writeGeneratedStorage(
  storageDir: string,
  count: number,
  shape: GeneratedShape,
): Promise<void> {
  for (let id = 1; id <= count; id++) {
    const file = reportPathIn(storageDir, id);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(generatedReport(id, shape)));
  }
}
