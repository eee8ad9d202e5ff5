import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaged, stageReports } from './stage-reports.js';

const made: string[] = [];
/** A fresh temporary folder, removed after each test. */
async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), name));
  made.push(dir);
  return dir;
}
const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

afterEach(async () => {
  await Promise.all(made.splice(0).map(dir => rm(dir, { recursive: true, force: true })));
});

describe('stageReports', () => {
  it('uses a storage directory as it is, analyses in task id order', async () => {
    const dir = await tempDir('cuckoo-tc-stage-');
    for (const id of ['12', '3', 'latest']) {
      await mkdir(path.join(dir, 'analyses', id, 'reports'), { recursive: true });
    }
    expect(await stageReports(dir)).toEqual({
      storageDir: dir,
      analyses: [
        { taskId: 3, source: 'analyses/3' },
        { taskId: 12, source: 'analyses/12' },
      ],
      staged: false,
    });
  });

  it('stages a flat folder of reports as analyses 1..N in name order', async () => {
    const dir = await tempDir('cuckoo-tc-flat-');
    await writeFile(path.join(dir, 'b.json'), '{"info":{"id":9}}');
    await writeFile(path.join(dir, 'a.json'), '{"info":{"id":8}}');
    await writeFile(path.join(dir, 'notes.txt'), 'ignored');
    const staged = await stageReports(dir);
    expect(staged.analyses).toEqual([
      { taskId: 1, source: 'a.json' },
      { taskId: 2, source: 'b.json' },
    ]);
    expect(
      await readFile(
        path.join(staged.storageDir, 'analyses', '2', 'reports', 'report.json'),
        'utf8',
      ),
    ).toBe('{"info":{"id":9}}');
    made.push(staged.storageDir);
  });

  it('removeStaged deletes a staging folder, never a storage directory used as it is', async () => {
    const flat = await tempDir('cuckoo-tc-flat-');
    await writeFile(path.join(flat, 'a.json'), '{}');
    const staged = await stageReports(flat);
    made.push(staged.storageDir);
    await removeStaged(staged);
    expect(await exists(staged.storageDir)).toBe(false);
    expect(await exists(path.join(flat, 'a.json'))).toBe(true);

    const storage = await tempDir('cuckoo-tc-stage-');
    await mkdir(path.join(storage, 'analyses', '1'), { recursive: true });
    await removeStaged(await stageReports(storage));
    expect(await exists(path.join(storage, 'analyses', '1'))).toBe(true);
  });

  it('says what it expected when the folder holds no reports', async () => {
    const dir = await tempDir('cuckoo-tc-empty-');
    await expect(stageReports(dir)).rejects.toThrow(
      'holds neither analyses/<id>/reports/report.json nor *.json reports',
    );
  });
});
