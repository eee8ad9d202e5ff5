import { describe, expect, it } from 'vitest';
import { createJobDefaults, jobOptions, type PayloadOf } from './catalog.js';
import type { CatalogQueue } from './typed-queues.js';
import { addJob } from './typed-queues.js';

describe('catalog typing', () => {
  it('refuses a payload that does not belong to the job name (compile time)', () => {
    // Never called: the assertions are the @ts-expect-error lines, checked by `tsc --noEmit`.
    const check = (incidents: CatalogQueue<'incidents'>, parse: CatalogQueue<'parse'>) => {
      const incident = {} as PayloadOf<'create-incident'>;
      void addJob(incidents, 'create-incident', incident);
      // @ts-expect-error associate needs an AssociatePayload
      void addJob(incidents, 'associate', incident);
      // @ts-expect-error parse-report does not live in the incidents queue
      void addJob(incidents, 'parse-report', {} as PayloadOf<'parse-report'>);
      // @ts-expect-error a queue only accepts its own job names
      void parse.add('associate', {} as PayloadOf<'parse-report'>);
    };
    expect(typeof check).toBe('function');
  });

  it('returns fresh default options, merged with overrides', () => {
    const a = jobOptions('parse-report', { jobId: 'parse-x-1-v1' });
    a.attempts = 99;
    expect(jobOptions('parse-report')).toMatchObject({
      attempts: 3,
      backoff: { type: 'jittered-exponential' },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600, count: 100_000 },
    });
  });

  it('takes retention and attempts from settings', () => {
    const defaults = createJobDefaults({
      keepCompletedSeconds: 60,
      keepFailedSeconds: 120,
      tcAttempts: 4,
    });
    expect(jobOptions('associate', {}, defaults)).toMatchObject({
      attempts: 4,
      removeOnComplete: { age: 60 },
      removeOnFail: { age: 120 },
    });
    expect(jobOptions('parse-report', {}, defaults)).toMatchObject({ attempts: 3 });
  });
});
