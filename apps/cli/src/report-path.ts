import { stat } from 'node:fs/promises';
import path from 'node:path';

/** A report file and the task id its storage path tells, if it follows the Cuckoo layout. */
export interface ReportPath {
  file: string;
  taskId?: number;
}

const LAYOUT = /(?:^|[\\/])analyses[\\/](\d+)[\\/]reports[\\/]report\.json$/;

/**
 * Accepts a report.json or an analysis directory (`storage/analyses/<id>`), and reads the task id
 * from `analyses/<id>/reports/report.json` when the path follows Cuckoo's storage layout.
 */
export async function resolveReportPath(input: string): Promise<ReportPath> {
  const info = await stat(input).catch(() => null);
  const file = info?.isDirectory() ? path.join(input, 'reports', 'report.json') : input;
  const match = LAYOUT.exec(path.resolve(file));
  return match?.[1] ? { file, taskId: Number(match[1]) } : { file };
}
