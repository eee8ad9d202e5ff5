import { describe, expect, it } from 'vitest';
import { IndicatorOptionsError } from './errors.js';
import { checkIncidentOptions, describeIncident, renderReportLink } from './incident.js';
import { testReport } from './__fixtures__/test-report.js';

const sha256 = 'fe9df1d8a0a8f1e957776ba81fd117359ca2389ffa2fd1dd2794c34d18dfe3ba';

describe('describeIncident', () => {
  it('names the incident after the analysis day and target, with a deterministic xid', () => {
    const report = testReport({
      info: { id: 42, started: '2018-02-06 16:40:25' },
      target: { category: 'file', file: { name: 'sample.exe', sha256 } },
    });
    const incident = describeIncident(report, {
      instance: 'lab-1',
      reportLinkTemplate: 'https://cuckoo.example/analysis/{id}/summary',
      attributeSecurityLabels: ['DO NOT SHARE'],
      tags: ['cuckoo'],
    });
    expect(incident).toEqual({
      name: 'Cuckoo Analysis 20180206: sample.exe',
      eventDate: '2018-02-06T16:40:25Z',
      xid: 'cuckoo-tc:lab-1:42',
      attributes: [
        { type: 'Analysis ID', value: '42', securityLabels: ['DO NOT SHARE'] },
        {
          type: 'Source',
          value: 'https://cuckoo.example/analysis/42/summary',
          securityLabels: ['DO NOT SHARE'],
        },
      ],
      tags: ['cuckoo'],
    });
  });

  it.each([
    [
      'a URL task',
      { target: { category: 'url', url: 'http://landing.example.org/x' } },
      'Cuckoo Analysis 20240506: http://landing.example.org/x',
    ],
    [
      'a file without name',
      { target: { category: 'file', file: { sha256 } } },
      `Cuckoo Analysis 20240506: ${sha256}`,
    ],
    ['no target at all', {}, 'Cuckoo Analysis 20240506: task 1'],
    [
      'a name with control characters',
      { target: { category: 'file', file: { name: 'a\u0000b\nc.exe' } } },
      'Cuckoo Analysis 20240506: a b c.exe',
    ],
    [
      'a name with a lone surrogate',
      { target: { category: 'file', file: { name: 'x\uD800.exe' } } },
      'Cuckoo Analysis 20240506: x\uFFFD.exe',
    ],
    [
      'no start date',
      { info: { started: null }, target: { category: 'file', file: { name: 'a.exe' } } },
      'Cuckoo Analysis undated: a.exe',
    ],
  ])('handles %s', (_label, sections, name) => {
    expect(describeIncident(testReport(sections), { instance: 'lab' }).name).toBe(name);
  });

  it('caps the name at 100 characters by shortening the target', () => {
    const url = `http://landing.example.org/${'a'.repeat(200)}`;
    const { name } = describeIncident(testReport({ target: { category: 'url', url } }), {
      instance: 'lab',
    });
    expect(name).toHaveLength(100);
    expect(name.startsWith('Cuckoo Analysis 20240506: http://landing.example.org/aaa')).toBe(true);
    expect(name.endsWith('a…')).toBe(true);
  });

  it('cuts a name whose template repeats the target', () => {
    const url = `http://landing.example.org/${'b'.repeat(120)}`;
    const report = testReport({ target: { category: 'url', url } });
    const { name } = describeIncident(report, {
      instance: 'lab',
      nameTemplate: '{target} {target}',
    });
    expect(name).toHaveLength(100);
    expect(name.endsWith('…')).toBe(true);
  });

  it('renders custom templates and omits Source without a link template', () => {
    const incident = describeIncident(testReport({ info: { id: 9 } }), {
      instance: 'lab',
      nameTemplate: '[{instance}] #{id} {category} {date}',
      analysisIdAttribute: 'Task',
    });
    expect(incident.name).toBe('[lab] #9 unknown 20240506');
    expect(incident.attributes).toEqual([{ type: 'Task', value: '9', securityLabels: [] }]);
    expect(incident.eventDate).toBe('2024-05-06T10:11:12Z');
  });

  it.each([
    ['http://cuckoo/analysis/{}/', 'http://cuckoo/analysis/7/'],
    ['http://cuckoo/analysis/{id}/', 'http://cuckoo/analysis/7/'],
    ['http://cuckoo/static', 'http://cuckoo/static'],
  ])('renders report link %s', (template, link) => {
    expect(renderReportLink(template, 7)).toBe(link);
  });

  it.each([
    [{ instance: ' ' }, 'cuckoo.instance must not be empty'],
    [{ instance: 'lab', nameTemplate: '{when}: {target}' }, 'unknown placeholder {when}'],
  ])('rejects %j', (options, message) => {
    expect(() => checkIncidentOptions(options)).toThrow(IndicatorOptionsError);
    expect(() => checkIncidentOptions(options)).toThrow(message);
  });
});
