import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { reportVersion } from '@cuckoo-tc/queues';

/** What a stat of one report.json tells the producer. */
export interface ReportFileState {
  path: string;
  size: number;
  mtimeMs: number;
  /** Version of this content: a rewrite (reprocessing) changes size or mtime, hence version. */
  version: string;
}

/** `<storage>/analyses/<id>/reports/report.json`. */
export function reportPathOf(storageDir: string, taskId: number): string {
  return path.join(storageDir, 'analyses', String(taskId), 'reports', 'report.json');
}

/** The version tag of a report from its size and mtime. */
export function fileReportVersion(size: number, mtimeMs: number): string {
  return reportVersion('file', size, Math.trunc(mtimeMs));
}

/** Stats a report.json; undefined when it does not exist (yet). */
export async function statReport(file: string): Promise<ReportFileState | undefined> {
  try {
    const s = await stat(file);
    if (!s.isFile()) {
      return undefined;
    }
    return {
      path: file,
      size: s.size,
      mtimeMs: s.mtimeMs,
      version: fileReportVersion(s.size, s.mtimeMs),
    };
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'ENOENT' ||
      (err as NodeJS.ErrnoException).code === 'ENOTDIR'
    ) {
      return undefined;
    }
    throw err;
  }
}

/**
 * True when the file's last non-blank byte closes a JSON object. Cuckoo writes report.json in
 * place, so a file being written ends mid-value; this cheap tail read tells the two apart
 * without parsing a report that may weigh a gigabyte.
 */
export async function endsLikeJsonObject(file: string, size: number): Promise<boolean> {
  if (size === 0) {
    return false;
  }
  const length = Math.min(size, 256);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const tail = buffer.toString('latin1').trimEnd();
    return tail.endsWith('}');
  } finally {
    await handle.close();
  }
}

/**
 * Task id and report.json path of a command-line PATH: a report.json inside
 * `analyses/<id>/reports/`, or an analysis directory `analyses/<id>`. Undefined when the
 * path does not name a task.
 */
export function locateReportPath(
  input: string,
): { taskId: number; reportPath: string } | undefined {
  const resolved = path.resolve(input);
  if (path.basename(resolved) === 'report.json') {
    const id = path.basename(path.dirname(path.dirname(resolved)));
    return /^\d+$/.test(id) && path.basename(path.dirname(resolved)) === 'reports'
      ? { taskId: Number(id), reportPath: resolved }
      : undefined;
  }
  const id = path.basename(resolved);
  return /^\d+$/.test(id)
    ? { taskId: Number(id), reportPath: path.join(resolved, 'reports', 'report.json') }
    : undefined;
}
