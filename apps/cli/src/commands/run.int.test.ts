import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from '@cuckoo-tc/tc-emulator';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { describe, expect, inject, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

const bin = fileURLToPath(new URL('../../bin/cuckoo-tc.js', import.meta.url));
const examples = fileURLToPath(new URL('../../../../examples/storage', import.meta.url));

describe('cuckoo-tc run', () => {
  it('runs producer, workers and dashboard in one process and stops cleanly on SIGTERM', async () => {
    const emulator = await createEmulator({ port: 0 });
    const prefix = uniquePrefix('run');
    const storage = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-run-'));
    await cp(path.join(examples, 'analyses', '101'), path.join(storage, 'analyses', '101'), {
      recursive: true,
    });
    const env = {
      ...process.env,
      REDIS_URL: inject('redisUrl'),
      CUCKOO_TC_REDIS_PREFIX: prefix,
      TC_API_URL: emulator.url,
      TC_ACCESS_ID: 'emulator-access-id',
      TC_SECRET_KEY: 'emulator-secret-key',
      TC_OWNER: 'Cuckoo Sandbox',
      CUCKOO_STORAGE_DIR: storage,
      CUCKOO_TC_SETTLE_SECONDS: '0',
      CUCKOO_TC_SCAN_INTERVAL_SECONDS: '1',
      CUCKOO_TC_TREAT_AS_PUBLIC: '198.51.100.0/24,203.0.113.0/24,192.0.2.0/24',
      CUCKOO_TC_METRICS_ENABLED: 'false',
      DASHBOARD_PORT: '0',
    };
    const child = spawn(process.execPath, [bin, 'run'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      for (let i = 0; i < 300 && emulator.state().groups.length === 0; i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(emulator.state().groups).toHaveLength(1);
      expect(out).toMatch(
        /^\{.*"dashboardUrl":"http:\/\/127\.0\.0\.1:\d+\/".*"msg":"cuckoo-tc running"\}$/m,
      );
      // Every stdout line is a JSON log line: nothing plain in between.
      for (const line of out.trim().split('\n')) {
        expect(() => JSON.parse(line) as unknown).not.toThrow();
      }
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      await emulator.close();
      await deleteKeysWithPrefix(inject('redisUrl'), prefix);
      await rm(storage, { recursive: true, force: true });
    }
  });

  it('refuses an open dashboard and missing ThreatConnect settings (exit 2)', async () => {
    const tc = {
      TC_API_URL: 'http://127.0.0.1:9/api',
      TC_ACCESS_ID: 'a',
      TC_SECRET_KEY: 'b',
      TC_OWNER: 'o',
      CUCKOO_STORAGE_DIR: '/var/cuckoo/storage',
    };
    const open = await runCliForTest(['run'], { ...tc, DASHBOARD_HOST: '0.0.0.0' });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/credentials/i);
    const missing = await runCliForTest(['run'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('threatconnect.apiUrl is not set');
  });
});
