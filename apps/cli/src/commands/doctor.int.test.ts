import { createEmulator, type Emulator } from '@cuckoo-tc/tc-emulator';
import { startRedisServer } from '@cuckoo-tc/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});

const env = (overrides: Record<string, string> = {}): Record<string, string> => ({
  REDIS_URL: inject('redisUrl'),
  TC_API_URL: emulator.url,
  TC_ACCESS_ID: 'emulator-access-id',
  TC_SECRET_KEY: 'emulator-secret-key',
  TC_OWNER: 'Cuckoo Sandbox',
  ...overrides,
});

describe('cuckoo-tc doctor', () => {
  it('passes every check against the emulator and a noeviction Redis', async () => {
    const run = await runCliForTest(['doctor'], env());
    expect(run.stdout).toMatch(/^ok {4}redis reachable/m);
    expect(run.stdout).toMatch(/^ok {4}attribute types +Analysis ID, Source$/m);
    expect(run.stdout).toMatch(/^ok {4}security labels +DO NOT SHARE$/m);
    expect(run.code).toBe(0);
  });

  it('says which attribute type and label to create, and where', async () => {
    const run = await runCliForTest(
      [
        'doctor',
        '--set',
        'incident.analysisIdAttribute=Sandbox Task',
        '--set',
        'incident.attributeSecurityLabels=TLP:AMBER,INTERNAL ONLY',
      ],
      env(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  attribute types');
    expect(run.stdout).toContain(
      "create the Group attribute type(s) 'Sandbox Task' for Incidents in owner 'Cuckoo Sandbox'",
    );
    expect(run.stdout).toContain(
      "create the security label(s) 'INTERNAL ONLY' in owner 'Cuckoo Sandbox'",
    );
  });

  it('reports rejected credentials without showing the secret', async () => {
    const run = await runCliForTest(['doctor'], env({ TC_SECRET_KEY: 'wrong-secret-value' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}threatconnect credentials/m);
    expect(run.stdout + run.stderr).not.toContain('wrong-secret-value');
  });

  it('reports an owner the API user cannot see', async () => {
    const run = await runCliForTest(['doctor'], env({ TC_OWNER: 'Nobody' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}threatconnect owner +owner 'Nobody' is not visible/);
  });

  it('reports missing ThreatConnect settings and an unreachable API', async () => {
    const { TC_SECRET_KEY: _s, ...noSecret } = env();
    const missing = await runCliForTest(['doctor'], noSecret);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('threatconnect.secretKey is not set');
    const down = await runCliForTest(['doctor'], env({ TC_API_URL: 'http://127.0.0.1:9/api' }));
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL {2}threatconnect reachable/);
  });

  it('refuses an evicting Redis and an unreachable one', async () => {
    const evicting = await startRedisServer({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    try {
      const run = await runCliForTest(['doctor'], env({ REDIS_URL: evicting.url }));
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('maxmemory-policy is allkeys-lru');
    } finally {
      await evicting.stop();
    }
    const gone = await runCliForTest(['doctor'], env({ REDIS_URL: 'redis://127.0.0.1:9' }));
    expect(gone.stdout).toMatch(/^FAIL {2}redis reachable/m);
    expect(gone.stdout).toContain(
      'cannot reach Redis at redis://127.0.0.1:9: connect ECONNREFUSED',
    );
  });
});
