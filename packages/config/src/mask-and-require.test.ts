import { describe, expect, it } from 'vitest';
import { isConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import { MASK, maskSecrets } from './mask-secrets.js';
import { requireProducerSources, requireThreatConnect } from './requirements.js';

describe('maskSecrets', () => {
  it('masks every sensitive key that is set, keeps unset ones visible as null', async () => {
    const { config } = await loadConfig({
      env: {
        TC_SECRET_KEY: 'tc-secret',
        DASHBOARD_PASSWORD: 'dash-secret',
        CUCKOO_API_TOKEN: 'api-secret',
        CUCKOO_TC_PUSH_TOKEN: 'push-secret',
        REDIS_URL: 'redis://:redis-secret@127.0.0.1:6379/2',
      },
    });
    const masked = maskSecrets(config);
    const text = JSON.stringify(masked);
    for (const secret of [
      'tc-secret',
      'dash-secret',
      'api-secret',
      'push-secret',
      'redis-secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(masked).toMatchObject({
      threatconnect: { secretKey: MASK, apiToken: null },
      dashboard: { password: MASK, token: null },
      redis: { url: `redis://:${MASK}@127.0.0.1:6379/2` },
    });
    expect(config.threatconnect.secretKey).toBe('tc-secret');
  });
});

describe('requireThreatConnect', () => {
  const base = {
    TC_API_URL: 'https://tc.example/api',
    TC_OWNER: 'Owner',
    TC_ACCESS_ID: 'id',
    TC_SECRET_KEY: 'key',
  };
  const check = async (env: Record<string, string>): Promise<string | null> => {
    const { config } = await loadConfig({ env });
    try {
      requireThreatConnect(config, 'worker');
      return null;
    } catch (error) {
      expect(isConfigError(error)).toBe(true);
      return (error as Error).message;
    }
  };

  it('accepts HMAC credentials or a token', async () => {
    expect(await check(base)).toBeNull();
    expect(
      await check({ TC_API_URL: base.TC_API_URL, TC_OWNER: 'Owner', TC_API_TOKEN: 't' }),
    ).toBeNull();
  });

  it('names the missing key and every way to set it', async () => {
    const { TC_SECRET_KEY: _secret, ...noSecret } = base;
    expect(await check(noSecret)).toBe(
      "threatconnect.secretKey is not set; 'worker' needs ThreatConnect credentials (or threatconnect.apiToken) (set environment variable TC_SECRET_KEY, or threatconnect.secretKey in the config file, or api_secret_key in reporting.conf [threatconnect-report])",
    );
    const { TC_ACCESS_ID: _id, ...noId } = base;
    expect(await check(noId)).toContain('threatconnect.accessId is not set');
    const { TC_OWNER: _owner, ...noOwner } = base;
    expect(await check(noOwner)).toContain('threatconnect.owner is not set');
    const { TC_API_URL: _url, ...noUrl } = base;
    expect(await check(noUrl)).toContain('threatconnect.apiUrl is not set');
  });
});

describe('requireProducerSources', () => {
  const check = async (env: Record<string, string>): Promise<string | null> => {
    const { config } = await loadConfig({ env });
    try {
      requireProducerSources(config, 'run');
      return null;
    } catch (error) {
      expect(isConfigError(error)).toBe(true);
      return (error as Error).message;
    }
  };

  it('names the setting each configured source lacks and how to set it', async () => {
    expect(await check({ CUCKOO_TC_PRODUCER_SOURCES: 'storage' })).toBe(
      "cuckoo.storageDir is not set; 'run' runs the storage source, which scans it " +
        '(set environment variable CUCKOO_STORAGE_DIR, or cuckoo.storageDir in the config file)',
    );
    expect(await check({ CUCKOO_TC_PRODUCER_SOURCES: 'api' })).toMatch(
      /^cuckoo\.apiUrl is not set; 'run' runs the api source.*CUCKOO_API_URL/,
    );
  });

  it('accepts sources whose settings are present, and push alone', async () => {
    expect(
      await check({ CUCKOO_TC_PRODUCER_SOURCES: 'storage', CUCKOO_STORAGE_DIR: '/s' }),
    ).toBeNull();
    expect(
      await check({ CUCKOO_TC_PRODUCER_SOURCES: 'api', CUCKOO_API_URL: 'http://cuckoo:8090' }),
    ).toBeNull();
    expect(await check({ CUCKOO_TC_PRODUCER_SOURCES: 'push' })).toBeNull();
  });
});
