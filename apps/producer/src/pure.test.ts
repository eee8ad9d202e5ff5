import { describe, expect, it } from 'vitest';
import { isEnqueueInputError } from './errors.js';
import { parseTaskRange } from './manual-enqueue.js';
import { parseTaskId } from './push-server.js';
import { locateReportPath } from './report-file.js';
import { apiDateSeconds, apiReportVersion } from './sandbox-api.js';

describe('parseTaskId', () => {
  it('reads form (Cuckoo notification) and JSON (CAPE callback) bodies', () => {
    expect(parseTaskId('application/x-www-form-urlencoded', 'task_id=42&identifier=a')).toBe(42);
    expect(parseTaskId('application/json', '{"task_id": 42}')).toBe(42);
    expect(parseTaskId('', '{"task_id": "42"}')).toBe(42);
  });

  it('refuses anything but a task number', () => {
    for (const body of [
      '',
      'task_id=',
      'task_id=-1',
      'task_id=4.2',
      '{"task_id": null}',
      '{"task_id": "1e3"}',
    ]) {
      expect(() => parseTaskId('', body)).toThrow(/task_id/);
    }
  });
});

describe('parseTaskRange', () => {
  it('parses an inclusive range and refuses reversed or huge ones', () => {
    expect(parseTaskRange('10-12')).toEqual({ from: 10, to: 12 });
    for (const text of ['12-10', '1-', 'a-b', '0-5000000']) {
      let caught: unknown;
      try {
        parseTaskRange(text);
      } catch (err) {
        caught = err;
      }
      expect(isEnqueueInputError(caught)).toBe(true);
    }
  });
});

describe('locateReportPath', () => {
  it('finds the task id of a report.json or an analysis directory', () => {
    expect(locateReportPath('/srv/cuckoo/storage/analyses/12/reports/report.json')).toEqual({
      taskId: 12,
      reportPath: '/srv/cuckoo/storage/analyses/12/reports/report.json',
    });
    expect(locateReportPath('/srv/cuckoo/storage/analyses/12/')).toEqual({
      taskId: 12,
      reportPath: '/srv/cuckoo/storage/analyses/12/reports/report.json',
    });
  });

  it('refuses paths that do not name a task', () => {
    expect(locateReportPath('/tmp/report.json')).toBeUndefined();
    expect(locateReportPath('/srv/cuckoo/storage/analyses/latest')).toBeUndefined();
    expect(locateReportPath('/srv/analyses/12/report.json')).toBeUndefined();
  });
});

describe('API task dates and versions', () => {
  it('reads Cuckoo and ISO dates', () => {
    expect(apiDateSeconds('2020-01-02 03:04:05')).toBe(Date.UTC(2020, 0, 2, 3, 4, 5) / 1000);
    expect(apiDateSeconds('2020-01-02T03:04:05.123+00:00')).toBe(
      Date.UTC(2020, 0, 2, 3, 4, 5) / 1000,
    );
    expect(apiDateSeconds(null)).toBe(0);
    expect(apiDateSeconds('garbage')).toBe(0);
  });

  it('changes version when the task is completed again', () => {
    const task = {
      id: 1,
      status: 'reported',
      completedOn: '2020-01-01 00:00:00',
      reportingFinishedOn: null,
    };
    expect(apiReportVersion(task)).toBe(apiReportVersion({ ...task }));
    expect(apiReportVersion(task)).not.toBe(
      apiReportVersion({ ...task, completedOn: '2020-01-02 00:00:00' }),
    );
  });
});
