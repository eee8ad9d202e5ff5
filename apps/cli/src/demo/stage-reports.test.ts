import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageReports } from './stage-reports.js';

describe('stageReports', () => {
  it('uses a storage directory as it is, analyses in task id order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-stage-'));
    for (const id of ['12', '3', 'latest']) {
      await mkdir(path.join(dir, 'analyses', id, 'reports'), { recursive: true });
    }
    expect(await stageReports(dir)).toEqual({
      storageDir: dir,
      analyses: [
        { taskId: 3, source: 'analyses/3' },
        { taskId: 12, source: 'analyses/12' },
      ],
    });
  });

  it('stages a flat folder of reports as analyses 1..N in name order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-flat-'));
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
  });

  it('says what it expected when the folder holds no reports', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-empty-'));
    await expect(stageReports(dir)).rejects.toThrow(
      'holds neither analyses/<id>/reports/report.json nor *.json reports',
    );
  });
});
