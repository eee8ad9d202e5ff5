import { mkdtemp, mkdir, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One analysis the demo delivers: its task id and where it came from. */
export interface DemoAnalysis {
  taskId: number;
  source: string;
}

/** A storage directory the producer can scan, and the analyses in it. */
export interface StagedReports {
  storageDir: string;
  analyses: DemoAnalysis[];
  /** True when storageDir is a staging folder made here, which {@link removeStaged} deletes. */
  staged: boolean;
}

/** Deletes the staging folder of {@link stageReports}; a storage directory used as it is stays. */
export async function removeStaged(reports: StagedReports): Promise<void> {
  if (reports.staged) {
    await rm(reports.storageDir, { recursive: true, force: true });
  }
}

async function isDirectory(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Accepts a Cuckoo storage directory (holding `analyses/<id>/reports/report.json`) as it is,
 * or a flat directory of report files, which is staged as a temporary storage layout of
 * symlinks numbered 1..N in name order.
 */
export async function stageReports(dir: string): Promise<StagedReports> {
  const analysesDir = path.join(dir, 'analyses');
  if (await isDirectory(analysesDir)) {
    const ids = (await readdir(analysesDir))
      .filter(name => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b);
    return {
      storageDir: dir,
      analyses: ids.map(taskId => ({ taskId, source: `analyses/${taskId}` })),
      staged: false,
    };
  }
  const files = (await readdir(dir)).filter(name => name.endsWith('.json')).sort();
  if (files.length === 0) {
    throw new Error(`${dir} holds neither analyses/<id>/reports/report.json nor *.json reports`);
  }
  const storageDir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-demo-storage-'));
  const result: StagedReports = { storageDir, analyses: [], staged: true };
  try {
    for (const [index, name] of files.entries()) {
      const reports = path.join(storageDir, 'analyses', String(index + 1), 'reports');
      await mkdir(reports, { recursive: true });
      await symlink(path.resolve(dir, name), path.join(reports, 'report.json'));
      result.analyses.push({ taskId: index + 1, source: name });
    }
  } catch (error) {
    await removeStaged(result);
    throw error;
  }
  return result;
}
