import { describe, expect, it } from 'vitest';
import { classifyOutcome } from './classify-outcome.js';
import { isTcThrottledError, isThreatConnectError } from './error-guards.js';
import {
  TcBadResponseError,
  TcMissingMetadataError,
  TcThrottledError,
  TcTransientError,
} from './errors.js';

const ctx = { method: 'get', path: '/api/v3/groups/x', status: 429, tcMessage: 'busy' };

/** What BullMQ's sandbox hands back: a plain object with the own properties and the name. */
function acrossProcess(err: Error): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...err, message: err.message })) as Record<string, unknown>;
}

describe('classifyOutcome', () => {
  it('keeps working after the error crossed a process boundary (name and fields survive)', () => {
    const err = new TcThrottledError(1500, 'server', ctx);
    const plain = acrossProcess(err);
    expect(plain).toMatchObject({ name: 'TcThrottledError', retryAfterMs: 1500, status: 429 });
    expect(isTcThrottledError(plain)).toBe(true);
    expect(isThreatConnectError(plain)).toBe(true);
    expect(classifyOutcome(plain)).toBe('throttled');
  });

  it('maps every class to its outcome', () => {
    expect(classifyOutcome(new TcTransientError('x', 'ECONNRESET', ctx))).toBe('transient');
    expect(classifyOutcome(new TcBadResponseError('x', ctx))).toBe('permanent');
    const missing = new TcMissingMetadataError(
      { kind: 'security-label', names: ['X'], owner: 'O' },
      ctx,
    );
    expect(classifyOutcome(missing)).toBe('permanent');
  });

  it('treats unknown errors as transient so bounded retries decide', () => {
    expect(classifyOutcome(new Error('boom'))).toBe('transient');
    expect(classifyOutcome('text')).toBe('transient');
  });

  it('keeps the cause and never puts it in the message', () => {
    const cause = new Error('inner');
    const err = new TcTransientError('outer', null, { ...ctx, cause });
    expect(err.cause).toBe(cause);
    expect(err.message).not.toContain('inner');
  });
});
