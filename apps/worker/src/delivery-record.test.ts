import { describe, expect, it } from 'vitest';
import { decodeDelivery, deliveryKey } from './delivery-record.js';

const ref = { prefix: 'cuckoo-tc', instance: 'lab 01', taskId: 7 };

describe('delivery record', () => {
  it('lives under the prefix, instance and task id', () => {
    expect(deliveryKey(ref)).toBe('cuckoo-tc:delivery:lab-01:7');
  });

  it('sums chunk outcomes, so a re-run chunk overwrites instead of double-counting', () => {
    const record = decodeDelivery(ref, {
      status: 'delivered-with-warnings',
      incidentId: '42',
      incidentCreated: 'true',
      indicators: '5',
      dropped: '{"sandbox-network":3}',
      'chunk.0': '{"created":2,"cached":1,"skipped":{"exclusion-list":1}}',
      'chunk.1': '{"created":0,"cached":0,"skipped":{"invalid-value":1}}',
      'attempts.create-incident': '2',
      'at.deliveredAt': '2026-01-01T00:00:00.000Z',
      warnings: '["create it"]',
      lastError: '',
    });
    expect(record).toMatchObject({
      status: 'delivered-with-warnings',
      incidentId: 42,
      incidentCreated: true,
      indicators: 5,
      dropped: { 'sandbox-network': 3 },
      created: 2,
      cached: 1,
      skipped: { 'exclusion-list': 1, 'invalid-value': 1 },
      attempts: { 'create-incident': 2 },
      timings: { deliveredAt: '2026-01-01T00:00:00.000Z' },
      warnings: ['create it'],
      lastError: null,
    });
  });
});
