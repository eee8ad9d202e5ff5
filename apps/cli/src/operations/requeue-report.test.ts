import type { RequeueItem } from '@cuckoo-tc/queues';
import { describe, expect, it } from 'vitest';
import { requeueJson, requeueText } from './requeue-report.js';

const parent: RequeueItem = {
  queue: 'incidents',
  jobId: 'associate-sb-3-v1',
  name: 'associate',
  role: 'parent',
  state: 'completed',
  instance: 'sb',
  taskId: 3,
  failedReason: null,
  finishedOn: Date.UTC(2026, 0, 2, 3, 4, 5),
  parentId: null,
};

describe('requeue report', () => {
  it('lists moved jobs, skipped jobs with their reason, and the counts', () => {
    const text = requeueText({
      dryRun: false,
      moved: [parent],
      skipped: [
        { queue: 'indicators', jobId: 'indicators-sb-4-v1-c0', reason: 'parent x is active' },
      ],
    });
    expect(text).toMatch(
      /^incidents +associate-sb-3-v1 +associate \(parent, waits for its children\) +sb\/3 +\(completed\) +2026-01-02T03:04:05\.000Z$/m,
    );
    expect(text).toMatch(/^indicators +indicators-sb-4-v1-c0 +parent x is active$/m);
    expect(text.endsWith('moved 1, skipped 1')).toBe(true);
  });

  it('says what a dry run would move, even when nothing matches', () => {
    expect(requeueText({ dryRun: true, moved: [], skipped: [] })).toBe('would move 0, skipped 0');
  });

  it('counts what a real run moved as moved', () => {
    const json = JSON.parse(requeueJson({ dryRun: false, moved: [parent], skipped: [] }));
    expect(json.counts).toEqual({ moved: 1, skipped: 0 });
  });

  it('prints stable JSON with ISO times; a dry run counts what would move', () => {
    const json = JSON.parse(requeueJson({ dryRun: true, moved: [parent], skipped: [] }));
    expect(json).toEqual({
      dryRun: true,
      counts: { wouldMove: 1, skipped: 0 },
      jobs: [
        {
          queue: 'incidents',
          jobId: 'associate-sb-3-v1',
          name: 'associate',
          role: 'parent',
          state: 'completed',
          instance: 'sb',
          taskId: 3,
          parentId: null,
          failedReason: null,
          finishedAt: '2026-01-02T03:04:05.000Z',
        },
      ],
      skipped: [],
    });
  });
});
