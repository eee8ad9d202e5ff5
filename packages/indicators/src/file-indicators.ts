import type { FileDigest, NormalisedReport } from '@cuckoo-tc/cuckoo';
import type { DroppedIndicator, FileIndicator, FileOccurrence } from './types.js';

interface FileDraft {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  size: number | null;
  occurrences: FileOccurrence[];
  sections: string[];
}

function sharesHash(a: FileDraft, b: FileDigest): boolean {
  return (
    (a.md5 !== null && a.md5 === b.md5) ||
    (a.sha1 !== null && a.sha1 === b.sha1) ||
    (a.sha256 !== null && a.sha256 === b.sha256)
  );
}

function addDigest(
  drafts: FileDraft[],
  digest: FileDigest,
  section: string,
  date: string | null,
): void {
  const occurrence = { fileName: digest.name, date };
  const existing = drafts.find(draft => sharesHash(draft, digest));
  if (existing === undefined) {
    const { md5, sha1, sha256, size } = digest;
    drafts.push({ md5, sha1, sha256, size, occurrences: [occurrence], sections: [section] });
    return;
  }
  existing.md5 ??= digest.md5;
  existing.sha1 ??= digest.sha1;
  existing.sha256 ??= digest.sha256;
  existing.size ??= digest.size;
  if (!existing.occurrences.some(o => o.fileName === occurrence.fileName)) {
    existing.occurrences.push(occurrence);
  }
  if (!existing.sections.includes(section)) {
    existing.sections.push(section);
  }
}

function toIndicator(draft: FileDraft): FileIndicator {
  const value = [draft.md5, draft.sha1, draft.sha256].filter(h => h !== null).join(' : ');
  return {
    type: 'File',
    value,
    md5: draft.md5,
    sha1: draft.sha1,
    sha256: draft.sha256,
    size: draft.size,
    fileOccurrences: draft.occurrences,
    sections: draft.sections,
  };
}

function noHashes(digest: FileDigest, section: string): DroppedIndicator {
  const value = digest.name ?? `(${section})`;
  return {
    type: 'File',
    value,
    reason: 'no-hashes',
    detail: null,
    valueLength: value.length,
    sections: [section],
  };
}

/**
 * File indicators: the target file (file/static/archive tasks) and, when enabled, dropped files.
 * Files sharing any hash are merged; a file without md5, sha1 or sha256 is dropped as `no-hashes`.
 */
export function selectFiles(
  report: NormalisedReport,
  includeDropped: boolean,
): { indicators: FileIndicator[]; dropped: DroppedIndicator[] } {
  const drafts: FileDraft[] = [];
  const dropped: DroppedIndicator[] = [];
  const date = report.analysis.started;
  const sources: [FileDigest, string][] = [];
  if (report.target.file !== null && report.target.category !== 'url') {
    sources.push([report.target.file, 'target.file']);
  }
  if (includeDropped) {
    sources.push(...report.dropped.map(digest => [digest, 'dropped'] as [FileDigest, string]));
  }
  for (const [digest, section] of sources) {
    if (digest.md5 === null && digest.sha1 === null && digest.sha256 === null) {
      dropped.push(noHashes(digest, section));
    } else {
      addDigest(drafts, digest, section, date);
    }
  }
  return { indicators: drafts.map(toIndicator), dropped };
}
