import type { Emulator } from '@cuckoo-tc/tc-emulator';
import {
  classifyOutcome,
  createTcRedisKeys,
  createThrottleGate,
  isTcAuthError,
  TcAuthError,
  TcExclusionListError,
  TcInvalidValueError,
  TcMissingMetadataError,
  TcThrottledError,
  TcTransientError,
} from '@cuckoo-tc/threatconnect';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CREDENTIALS, failure, OWNER, startEmulator, tcClient } from './support.js';

// Every error class the emulator can produce, as the client reports and classifies it.
let emulator: Emulator;
const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('tc-errors');

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  await deleteKeysWithPrefix(redisUrl, prefix);
});
afterEach(() => {
  emulator.configure({ rateLimit: null, faults: null });
  emulator.reset();
});

describe('ThreatConnect client against the emulator: refusals', () => {
  it('an invalid value → TcInvalidValueError (skip-invalid), with method, path and message', async () => {
    const tc = tcClient(emulator.url);
    const err = await failure(tc.upsertIndicator({ type: 'Address', ip: '999.1.2.3' }));
    tc.close();
    expect(err).toBeInstanceOf(TcInvalidValueError);
    expect(err.message).toContain('POST /api/v3/indicators -> HTTP 400');
    expect(err.message).toContain('Please enter a valid');
    expect(classifyOutcome(err)).toBe('skip-invalid');
  });

  it.each([
    ['private IPv4', { type: 'Address', ip: '10.1.2.3' }],
    ['loopback IPv4', { type: 'Address', ip: '127.0.0.1' }],
    ['link-local IPv6', { type: 'Address', ip: 'fe80::1' }],
    ['unique-local IPv6', { type: 'Address', ip: 'fd00::1' }],
  ] as const)(
    '%s on the exclusion list → TcExclusionListError (skip-excluded)',
    async (_l, input) => {
      const tc = tcClient(emulator.url);
      const err = await failure(tc.upsertIndicator(input));
      tc.close();
      expect(err).toBeInstanceOf(TcExclusionListError);
      expect(err).toMatchObject({ status: 403 });
      expect(classifyOutcome(err)).toBe('skip-excluded');
      expect(emulator.state().indicators).toHaveLength(0);
    },
  );

  it('a wrong secret → TcAuthError (credentials, permanent), and the secret is not in the message', async () => {
    const tc = tcClient(emulator.url, {
      auth: { ...CREDENTIALS, secretKey: 'wrong-secret-value' },
    });
    const err = await failure(tc.getIndicator(1));
    tc.close();
    expect(err).toBeInstanceOf(TcAuthError);
    expect(err).toMatchObject({ reason: 'credentials', status: 401 });
    expect(err.message).not.toContain('wrong-secret-value');
    expect(classifyOutcome(err)).toBe('permanent');
  });

  it('an unknown access id or token → TcAuthError', async () => {
    const byId = tcClient(emulator.url, { auth: { accessId: 'nobody', secretKey: 'x' } });
    const byToken = tcClient(emulator.url, { auth: { token: 'expired-token' } });
    const errs = [await failure(byId.listOwners()), await failure(byToken.listOwners())];
    byId.close();
    byToken.close();
    expect(errs.every(isTcAuthError)).toBe(true);
    expect(errs[1]?.message).not.toContain('expired-token');
  });

  it('an unknown owner → TcAuthError (owner), permanent', async () => {
    const tc = tcClient(emulator.url, { owner: 'No Such Source' });
    const err = await failure(tc.upsertIndicator({ type: 'Host', hostName: 'a.example.com' }));
    tc.close();
    expect(err).toMatchObject({ name: 'TcAuthError', reason: 'owner', status: 403 });
    expect(classifyOutcome(err)).toBe('permanent');
  });

  it('a missing attribute type / label → TcMissingMetadataError naming it and the owner', async () => {
    const tc = tcClient(emulator.url);
    const base = { name: 'x', eventDate: '2024-05-06T00:00:00Z' };
    const type = await failure(
      tc.createIncident({ ...base, xid: 'a', attributes: [{ type: 'Sandbox Score', value: '9' }] }),
    );
    const label = await failure(
      tc.createIncident({
        ...base,
        xid: 'b',
        attributes: [{ type: 'Source', value: 'y', securityLabels: ['TLP:PURPLE'] }],
      }),
    );
    tc.close();
    expect(type).toBeInstanceOf(TcMissingMetadataError);
    expect(type).toMatchObject({ kind: 'attribute-type', names: ['Sandbox Score'], owner: OWNER });
    expect(label).toMatchObject({ kind: 'security-label', names: ['TLP:PURPLE'], owner: OWNER });
    expect(label.message).toContain("'TLP:PURPLE' in owner 'Cuckoo Sandbox'");
    expect(emulator.state().groups).toHaveLength(0);
  });
});

describe('ThreatConnect client against the emulator: throttling and failures', () => {
  it('429 beyond the emulator rate → TcThrottledError with Retry-After seconds; the gate closes for all', async () => {
    emulator.configure({ rateLimit: { requestsPerSecond: 1, retryAfter: 'seconds' } });
    const redis = new Redis(redisUrl);
    const { gate: key } = createTcRedisKeys(prefix, CREDENTIALS.accessId);
    const tc = tcClient(emulator.url, { gate: createThrottleGate({ redis, key }) });
    const errs: Error[] = [];
    for (let i = 0; i < 10 && errs.length === 0; i++) {
      await tc.listOwners().catch((e: Error) => errs.push(e));
    }
    const other = createThrottleGate({ redis, key });
    const closedFor = await other.waitMs();
    tc.close();
    redis.disconnect();
    expect(errs[0]).toBeInstanceOf(TcThrottledError);
    expect(errs[0]).toMatchObject({ status: 429, source: 'server', retryAfterMs: 1000 });
    expect(classifyOutcome(errs[0])).toBe('throttled');
    expect(closedFor).toBeGreaterThan(0);
  });

  it('429 with an HTTP-date Retry-After is read as a delay', async () => {
    emulator.configure({ rateLimit: { requestsPerSecond: 1, retryAfter: 'http-date' } });
    const tc = tcClient(emulator.url);
    const errs: Error[] = [];
    for (let i = 0; i < 10 && errs.length === 0; i++) {
      await tc.listOwners().catch((e: Error) => errs.push(e));
    }
    tc.close();
    expect(errs[0]).toBeInstanceOf(TcThrottledError);
    const ms = (errs[0] as TcThrottledError).retryAfterMs;
    expect(ms).not.toBeNull();
    expect(ms).toBeLessThanOrEqual(2000);
  });

  it('503 with Retry-After → throttled; 503 or 502 without → transient', async () => {
    const tc = tcClient(emulator.url);
    emulator.configure({ faults: { failNext: { count: 1, status: 503, retryAfter: 2 } } });
    const throttled = await failure(tc.listOwners());
    emulator.configure({ faults: { failNext: { count: 2, status: 502 } } });
    const bad = await failure(tc.listOwners());
    const bad2 = await failure(tc.listOwners());
    await expect(tc.listOwners()).resolves.toBeDefined();
    tc.close();
    expect(throttled).toMatchObject({ name: 'TcThrottledError', status: 503, retryAfterMs: 2000 });
    expect(bad).toBeInstanceOf(TcTransientError);
    expect(bad2).toMatchObject({ status: 502 });
    expect(classifyOutcome(bad)).toBe('transient');
  });

  it('random 5xx faults → transient', async () => {
    emulator.configure({ faults: { errorRate: 1, errorStatuses: [500] } });
    const tc = tcClient(emulator.url);
    const err = await failure(tc.getGroupByXid('x'));
    tc.close();
    expect(err).toMatchObject({ name: 'TcTransientError', status: 500 });
  });

  it('a dropped connection → transient, no status', async () => {
    emulator.configure({ faults: { dropRate: 1 } });
    const tc = tcClient(emulator.url);
    const err = await failure(tc.upsertIndicator({ type: 'Host', hostName: 'a.example.com' }));
    tc.close();
    expect(err).toBeInstanceOf(TcTransientError);
    expect(err).toMatchObject({ status: null });
    expect(classifyOutcome(err)).toBe('transient');
  });

  it('emulator latency beyond a short client timeout → transient', async () => {
    emulator.configure({ faults: { latencyMs: 400 } });
    const tc = tcClient(emulator.url, { timeoutMs: 100 });
    const err = await failure(tc.listOwners());
    tc.close();
    expect(err).toBeInstanceOf(TcTransientError);
    expect(err.message).toMatch(/did not answer in time/);
  });

  it('a request the emulator never answers → transient timeout', async () => {
    emulator.configure({ faults: { timeoutRate: 1 } });
    const tc = tcClient(emulator.url, { timeoutMs: 150 });
    const err = await failure(tc.listOwners());
    tc.close();
    expect(err).toMatchObject({ name: 'TcTransientError', code: 'ECONNABORTED' });
  });
});
