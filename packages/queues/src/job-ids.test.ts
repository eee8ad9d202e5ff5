import { describe, expect, it } from 'vitest';
import { isInvalidJobIdError } from './errors.js';
import {
  analysisKey,
  associateJobId,
  createIndicatorsJobId,
  parseJobId,
  reportVersion,
  sanitizeInstance,
} from './job-ids.js';

describe('deterministic job ids', () => {
  it('builds the parse job id from instance, task id and version', () => {
    expect(parseJobId('sandbox01', 1234, 'v1a2b3c')).toBe('parse-sandbox01-1234-v1a2b3c');
  });

  it('never contains a colon and is never all digits, whatever the instance name', () => {
    const ids = [
      parseJobId('cuckoo:8090', 1, 'v0'),
      associateJobId('12345', 7, 'vabc'),
      createIndicatorsJobId('host name/x', 7, 'vabc', 3),
    ];
    for (const id of ids) {
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
    expect(ids[0]).toBe('parse-cuckoo-8090-1-v0');
    expect(ids[2]).toBe('indicators-host-name-x-7-vabc-c3');
  });

  it('is stable: same inputs, same ids; another version, another id', () => {
    expect(parseJobId('a', 1, reportVersion(10, 20))).toBe(
      parseJobId('a', 1, reportVersion(10, 20)),
    );
    expect(reportVersion(10, 20)).not.toBe(reportVersion(10, 21));
    expect(reportVersion(1, 2)).toMatch(/^v[0-9a-f]{8}$/);
  });

  it('refuses unusable inputs with a named error', () => {
    const attempts = [
      () => sanitizeInstance(':::'),
      () => analysisKey('a', -1),
      () => analysisKey('a', 1.5),
      () => parseJobId('a', 1, '123'),
      () => parseJobId('a', 1, 'v:1'),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (err) {
        caught = err;
      }
      expect(isInvalidJobIdError(caught)).toBe(true);
    }
  });
});
