import { describe, expect, it } from 'vitest';
import { classifyOutcome } from './classify-outcome.js';
import { TcRequestError, TcTransientError } from './errors.js';
import { errorFromTransport } from './transport-errors.js';

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('errorFromTransport', () => {
  it.each([
    ['ECONNABORTED', 'timeout of 100ms exceeded'],
    ['ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443'],
    ['ECONNRESET', 'read ECONNRESET'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'],
    ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN tc.example.org'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND tc.example.org'],
  ])('%s → transient, keeping code and cause', (code, message) => {
    const cause = nodeError(code, message);
    const err = errorFromTransport(cause, 'post', '/api/v3/indicators');
    expect(err).toBeInstanceOf(TcTransientError);
    expect(err).toMatchObject({ code, status: null, method: 'POST', path: '/api/v3/indicators' });
    expect(err.cause).toBe(cause);
    expect(err.message).toContain('POST /api/v3/indicators -> no response');
    expect(classifyOutcome(err)).toBe('transient');
  });

  it('"socket hang up" without a code → transient', () => {
    expect(errorFromTransport(new Error('socket hang up'), 'GET', '/p')).toBeInstanceOf(
      TcTransientError,
    );
  });

  it('a TLS failure is permanent: retrying will not fix a certificate', () => {
    const err = errorFromTransport(
      nodeError('CERT_HAS_EXPIRED', 'certificate has expired'),
      'GET',
      '/p',
    );
    expect(err).toBeInstanceOf(TcRequestError);
    expect(classifyOutcome(err)).toBe('permanent');
  });
});
