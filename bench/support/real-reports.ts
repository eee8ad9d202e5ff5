// The real Cuckoo/CAPE reports of the shared fixtures, read in place (never copied into the repo).
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Where the shared real reports live; CUCKOO_TC_REAL_REPORTS overrides it. */
export const REAL_REPORTS_DIR =
  process.env.CUCKOO_TC_REAL_REPORTS ?? '/work/shared/fixtures/cuckoo';

/** A real report file. */
export interface RealReport {
  name: string;
  path: string;
}

/** The real reports, sorted by name; null (after saying why) when the directory is absent. */
export async function realReports(): Promise<RealReport[] | null> {
  let names: string[];
  try {
    names = await readdir(REAL_REPORTS_DIR);
  } catch {
    console.log(`skipped: no real reports at ${REAL_REPORTS_DIR} (set CUCKOO_TC_REAL_REPORTS)`);
    return null;
  }
  return names
    .filter(n => n.endsWith('.json'))
    .sort()
    .map(name => ({ name: name.replace(/\.json$/, ''), path: path.join(REAL_REPORTS_DIR, name) }));
}
