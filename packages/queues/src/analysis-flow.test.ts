import { describe, expect, it } from 'vitest';
import { buildAnalysisFlow, chunk } from './analysis-flow.js';
import { collectAssociateInputs } from './flow-children.js';
import type { IndicatorInput } from './payloads.js';

const indicators: IndicatorInput[] = Array.from({ length: 5 }, (_, i) => ({
  type: 'Address',
  value: `203.0.113.${i + 1}`,
}));

const input = {
  instance: 'sandbox01',
  taskId: 42,
  version: 'vabc',
  incident: {
    xid: 'cuckoo-tc:sandbox01:42',
    name: 'Cuckoo Analysis 20180206: sample.exe',
    eventDate: '2018-02-06T16:40:25Z',
    attributes: [{ type: 'Analysis ID', value: '42' }],
    tags: [],
  },
  indicators,
};

describe('buildAnalysisFlow', () => {
  const flow = buildAnalysisFlow(input, { indicatorChunkSize: 2 });

  it('roots the flow on associate in incidents with a deterministic id', () => {
    expect(flow).toMatchObject({ name: 'associate', queueName: 'incidents' });
    expect(flow.opts?.jobId).toBe('associate-sandbox01-42-vabc');
    expect(flow.data).toMatchObject({ xid: 'cuckoo-tc:sandbox01:42', version: 'vabc' });
  });

  it('gives every child a failure policy so the parent never waits for ever', () => {
    const children = flow.children ?? [];
    expect(children.map(c => [c.name, c.queueName, c.opts?.jobId])).toEqual([
      ['create-incident', 'incidents', 'incident-sandbox01-42-vabc'],
      ['create-indicators', 'indicators', 'indicators-sandbox01-42-vabc-c0'],
      ['create-indicators', 'indicators', 'indicators-sandbox01-42-vabc-c1'],
      ['create-indicators', 'indicators', 'indicators-sandbox01-42-vabc-c2'],
    ]);
    expect(children[0]?.opts).toMatchObject({ failParentOnFailure: true });
    for (const child of children.slice(1)) {
      expect(child.opts).toMatchObject({ ignoreDependencyOnFailure: true });
      expect(child.opts?.failParentOnFailure).toBeUndefined();
    }
    for (const child of children) {
      expect(child.opts).toMatchObject({ attempts: 8, removeOnFail: { age: 14 * 24 * 3600 } });
    }
  });

  it('puts every indicator in exactly one chunk', () => {
    const sent = (flow.children ?? []).slice(1).flatMap(c => c.data.indicators as IndicatorInput[]);
    expect(sent).toEqual(indicators);
    expect((flow.children ?? [])[3]?.data).toMatchObject({ chunk: 2, chunks: 3 });
  });

  it('is a pure function of its input', () => {
    expect(buildAnalysisFlow(input, { indicatorChunkSize: 2 })).toEqual(flow);
  });

  it('has only the incident child when nothing is left to send', () => {
    expect(buildAnalysisFlow({ ...input, indicators: [] }).children).toHaveLength(1);
  });

  it('chunks at least one item per chunk', () => {
    expect(chunk([1, 2, 3], 0)).toEqual([[1], [2], [3]]);
  });
});

describe('collectAssociateInputs', () => {
  it('reads the incident, the indicator ids in chunk order and the failed chunks', () => {
    const p = '{cuckoo-tc}:indicators';
    const inputs = collectAssociateInputs(
      {
        [`${p}:indicators-s-1-v-c10`]: { indicatorIds: [3], skipped: [] },
        [`${p}:indicators-s-1-v-c2`]: {
          indicatorIds: [1, 2],
          skipped: [{ type: 'Host', value: 'x.test', reason: 'excluded' }],
        },
        '{cuckoo-tc}:incidents:incident-s-1-v': { incidentId: 77, created: true },
      },
      { [`${p}:indicators-s-1-v-c3`]: '400 invalid' },
    );
    expect(inputs).toEqual({
      incident: { incidentId: 77, created: true },
      indicatorIds: [1, 2, 3],
      skipped: [{ type: 'Host', value: 'x.test', reason: 'excluded' }],
      failedChunks: [{ job: 'indicators-s-1-v-c3', reason: '400 invalid' }],
    });
  });
});
