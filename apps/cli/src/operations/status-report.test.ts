import { describe, expect, it } from 'vitest';
import type { AnalysisDelivery } from './analysis-delivery.js';
import { deliveryText, queuesText } from './status-report.js';

const idle = {
  queue: 'parse',
  counts: {
    waiting: 0,
    active: 0,
    delayed: 0,
    waitingChildren: 0,
    prioritized: 0,
    completed: 0,
    failed: 0,
  },
  paused: false,
  oldestWaiting: null,
  rateLimitTtlMs: 0,
  workers: null,
};

const parsedOnly: AnalysisDelivery = {
  instance: 'sb',
  taskId: 9,
  status: 'failed',
  version: null,
  incident: { id: null, xid: 'cuckoo-tc-sb-9', link: null, created: null },
  indicators: { toSend: 0, created: 0, cached: 0, associated: 0, skipped: {} },
  dropped: {},
  failedChunks: [{ job: 'indicators-sb-9-v1-c0', reason: '400 invalid' }],
  attempts: { 'parse-report': 3 },
  lastError: 'report.json: unexpected end of data at byte 1024',
  warnings: [],
  timings: {},
  parseMs: null,
  jobs: [],
};

describe('status report', () => {
  it('shows an open gate, an unknown one, and a queue with nothing waiting', () => {
    const open = queuesText({ queues: [idle], gate: { state: 'open', remainingSeconds: 0 } });
    expect(open).toMatch(/^parse +(0 +){7}- +no +no +\?$/m);
    expect(open).toContain('ThreatConnect 429 gate: open');
    const unknown = queuesText({
      queues: [],
      gate: {
        state: 'unknown',
        remainingSeconds: null,
        note: 'no ThreatConnect identity configured',
      },
    });
    expect(unknown).toContain(
      'ThreatConnect 429 gate: unknown (no ThreatConnect identity configured)',
    );
  });

  it('shows a delivery that never reached an incident', () => {
    const text = deliveryText(parsedOnly);
    expect(text).toContain('analysis sb/9 (report -)');
    expect(text).toMatch(/incident +none yet \(xid cuckoo-tc-sb-9\)/);
    expect(text).toMatch(/failed chunks +indicators-sb-9-v1-c0 \(400 invalid\)/);
    expect(text).toMatch(/attempts +parse-report 3/);
    expect(text).toMatch(/last error +report\.json: unexpected end of data at byte 1024/);
    expect(text).toContain('no report version recorded (parsing never finished)');
    expect(text).not.toContain('times');
    const timed = { ...parsedOnly, timings: { enqueuedAt: '2026-01-01T00:00:00.000Z' } };
    expect(deliveryText(timed)).toMatch(/times +enqueuedAt 2026-01-01T00:00:00\.000Z/);
    expect(deliveryText({ ...parsedOnly, version: 'v1' })).toContain(
      'no jobs left in Redis for this report version',
    );
  });
});
