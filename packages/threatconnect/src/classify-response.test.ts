import { describe, expect, it } from 'vitest';
import { errorFromResponse, quotedNames, readEnvelope } from './classify-response.js';
import { classifyOutcome } from './classify-outcome.js';
import { resolveTcErrorMatchers } from './error-matchers.js';
import {
  TcAuthError,
  TcBadResponseError,
  TcClockSkewError,
  TcExclusionListError,
  TcInvalidValueError,
  TcMissingMetadataError,
  TcRequestError,
  TcThrottledError,
  TcTransientError,
} from './errors.js';
import type { TcResponseView } from './response-view.js';

const now = Date.parse('2026-10-21T07:00:00Z');
const matchers = resolveTcErrorMatchers();
const json = { 'content-type': 'application/json' };

function view(
  status: number,
  body: unknown,
  headers: Record<string, string> = json,
): TcResponseView {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: 'post',
    path: '/api/v3/indicators',
    status,
    headers,
    body: text,
    owner: 'Cuckoo Sandbox',
  };
}

function fail(status: number, message: string, headers?: Record<string, string>) {
  return errorFromResponse(view(status, { status: 'Error', message }, headers), matchers, now);
}

describe('errorFromResponse', () => {
  it('exclusion list (v3 403) → TcExclusionListError, message names method, path and text', () => {
    const err = fail(403, 'This indicator is contained on a system-wide exclusion list.');
    expect(err).toBeInstanceOf(TcExclusionListError);
    expect(err.message).toContain('POST /api/v3/indicators -> HTTP 403');
    expect(err.message).toContain('system-wide exclusion list');
    expect(classifyOutcome(err)).toBe('skip-excluded');
  });

  it('invalid value → TcInvalidValueError', () => {
    const err = fail(400, 'Please enter a valid Address');
    expect(err).toBeInstanceOf(TcInvalidValueError);
    expect(classifyOutcome(err)).toBe('skip-invalid');
  });

  it('missing attribute type (BUG-18 wording and the SDK wording) → TcMissingMetadataError', () => {
    const a = fail(400, "Attribute type 'Analysis ID' is not valid for this item.");
    expect(a).toBeInstanceOf(TcMissingMetadataError);
    expect(a).toMatchObject({
      kind: 'attribute-type',
      names: ['Analysis ID'],
      owner: 'Cuckoo Sandbox',
    });
    expect(a.message).toContain("'Analysis ID' in owner 'Cuckoo Sandbox'");
    const b = fail(400, 'The requested attribute type was not found');
    expect(b).toMatchObject({ kind: 'attribute-type', names: [] });
    expect(classifyOutcome(b)).toBe('permanent');
  });

  it('missing security label → TcMissingMetadataError of kind security-label', () => {
    const err = fail(400, "Security label 'DO NOT SHARE' was not found");
    expect(err).toMatchObject({ kind: 'security-label', names: ['DO NOT SHARE'] });
  });

  it('401/403 → TcAuthError with a reason', () => {
    expect(fail(401, 'Access Denied')).toMatchObject({
      name: 'TcAuthError',
      reason: 'credentials',
    });
    expect(fail(401, 'Signature data did not match expected result')).toBeInstanceOf(TcAuthError);
    expect(fail(403, 'The requested owner was not found')).toMatchObject({ reason: 'owner' });
    expect(fail(403, 'Access Denied')).toMatchObject({ reason: 'permission' });
    expect(classifyOutcome(fail(401, 'Access Denied'))).toBe('permanent');
  });

  it('401 timestamp out of range → clock skew (not credentials), offset from Date', () => {
    const err = fail(401, 'Timestamp out of acceptable time range', {
      ...json,
      date: 'Wed, 21 Oct 2026 07:10:00 GMT',
    });
    expect(err).toBeInstanceOf(TcClockSkewError);
    expect(err).toMatchObject({ offsetMs: 600_000 });
    expect(classifyOutcome(err)).toBe('transient');
  });

  it('429 and 503+Retry-After → TcThrottledError (seconds or HTTP date); 503 without → transient', () => {
    expect(fail(429, 'slow down', { ...json, 'retry-after': '2' })).toMatchObject({
      retryAfterMs: 2000,
    });
    expect(fail(429, 'slow down')).toMatchObject({ name: 'TcThrottledError', retryAfterMs: null });
    const dated = fail(503, 'busy', { ...json, 'retry-after': 'Wed, 21 Oct 2026 07:00:05 GMT' });
    expect(dated).toBeInstanceOf(TcThrottledError);
    expect(dated).toMatchObject({ retryAfterMs: 5000 });
    expect(classifyOutcome(dated)).toBe('throttled');
    expect(fail(503, 'busy')).toBeInstanceOf(TcTransientError);
  });

  it('5xx with a text/plain body → transient with the body excerpt as message', () => {
    const err = errorFromResponse(
      view(500, 'Could not find resource', { 'content-type': 'text/plain' }),
      matchers,
      now,
    );
    expect(err).toBeInstanceOf(TcTransientError);
    expect(err.tcMessage).toBe('Could not find resource');
  });

  it('"not licensed" is permanent whatever the status', () => {
    const err = fail(503, 'API access has not been licensed for this system, please contact sales');
    expect(err).toMatchObject({ name: 'TcAuthError', reason: 'not-licensed' });
  });

  it('408 → transient: the server gave up waiting, the request itself was fine', () => {
    const err = fail(408, 'Request Timeout');
    expect(err).toBeInstanceOf(TcTransientError);
    expect(classifyOutcome(err)).toBe('transient');
  });

  it('other 4xx → TcRequestError (permanent)', () => {
    const err = fail(404, 'Object not found');
    expect(err).toBeInstanceOf(TcRequestError);
    expect(classifyOutcome(err)).toBe('permanent');
  });

  it('matchers are configurable for wording that differs in the field', () => {
    const custom = resolveTcErrorMatchers({ exclusionList: [/blocked by policy/i] });
    const err = errorFromResponse(
      view(403, { message: 'Indicator blocked by policy' }),
      custom,
      now,
    );
    expect(err).toBeInstanceOf(TcExclusionListError);
    const old = errorFromResponse(view(403, { message: 'on the exclusion list' }), custom, now);
    expect(old).toBeInstanceOf(TcAuthError);
  });
});

describe('readEnvelope', () => {
  it('returns the Success envelope', () => {
    const env = readEnvelope(
      view(201, { status: 'Success', message: 'Created', data: { id: 1 } }),
      matchers,
      now,
    );
    expect(env.data).toEqual({ id: 1 });
  });

  it('accepts a charset parameter on the content type', () => {
    const v = view(
      200,
      { status: 'Success', data: [] },
      { 'content-type': 'application/json; charset=utf-8' },
    );
    expect(readEnvelope(v, matchers, now).data).toEqual([]);
  });

  it.each([
    [
      'wrong content type',
      view(200, { status: 'Success', data: {} }, { 'content-type': 'text/html' }),
    ],
    ['non-JSON body', view(200, '<html>proxy</html>')],
    ['envelope not Success', view(200, { status: 'Failure', data: {} })],
    ['array body', view(200, [1, 2])],
  ])('rejects a %s as TcBadResponseError', (_label, v) => {
    expect(() => readEnvelope(v, matchers, now)).toThrow(TcBadResponseError);
  });
});

describe('quotedNames', () => {
  it('reads single and double quoted names', () => {
    expect(quotedNames(`Label "TLP:RED" and 'DO NOT SHARE'`)).toEqual(['TLP:RED', 'DO NOT SHARE']);
    expect(quotedNames(null)).toEqual([]);
  });
});
