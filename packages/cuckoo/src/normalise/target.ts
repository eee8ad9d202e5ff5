import { readFileDigest } from './file-digest.js';
import { readRecord, readString } from './read-value.js';
import type { AnalysisTarget } from './types.js';
import type { WarningLog } from './warning-log.js';

/**
 * Reads what was analysed. Cuckoo has `target.url` for URL tasks; CAPE keeps the URL in
 * `url_analysis.url` and may have no `target` at all, so `info.category` is the last fallback.
 */
export function readTarget(
  target: unknown,
  urlAnalysis: unknown,
  infoCategory: string | null,
  log: WarningLog,
): AnalysisTarget {
  const record = readRecord(target, 'target', log);
  const file = record === null ? null : readFileDigest(record.file, 'target.file', log);
  const archiveName = record === null ? null : readString(record.filename, 'target.filename', log);
  let url = record === null ? null : readString(record.url, 'target.url', log);
  let urlSection: AnalysisTarget['urlSection'] = url === null ? null : 'target.url';
  if (url === null) {
    const analysis = readRecord(urlAnalysis, 'url_analysis', log);
    url = analysis === null ? null : readString(analysis.url, 'url_analysis.url', log);
    urlSection = url === null ? null : 'url_analysis.url';
  }
  let category = record === null ? null : readString(record.category, 'target.category', log);
  category = category?.trim().toLowerCase() ?? infoCategory;
  if (category === null) {
    category = url !== null ? 'url' : file !== null ? 'file' : null;
  }
  return { category, name: file?.name ?? archiveName, url, urlSection, file };
}
