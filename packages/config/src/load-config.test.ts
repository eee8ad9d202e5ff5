import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

let dir: string;
const file = async (name: string, text: string): Promise<string> => {
  const target = path.join(dir, name);
  await writeFile(target, text);
  return target;
};
const failure = async (promise: Promise<unknown>): Promise<Error> => {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isConfigError(error)) {
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  expect(error.exitCode).toBe(2);
  expect(error.message).not.toContain('\n');
  return error;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-config-'));
});

describe('loadConfig precedence', () => {
  it('uses documented defaults when nothing is given', async () => {
    const { config, origins } = await loadConfig();
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.filters.sandboxNetworks).toEqual(['192.168.56.0/24']);
    expect(config.incident.attributeSecurityLabels).toEqual(['DO NOT SHARE']);
    expect(config.threatconnect.secretKey).toBeNull();
    expect(origins.size).toBe(0);
  });

  it('ranks defaults < file < reporting.conf < environment < arguments', async () => {
    const reporting = await file(
      'reporting.conf',
      '[threatconnect-report]\nenabled = yes\napi_base_url = https://from-reporting.example/api\ntarget_source = Reporting Owner\n',
    );
    const yaml = await file(
      'layers.yaml',
      `threatconnect:\n  apiUrl: https://from-file.example/api\n  owner: File Owner\n  accessId: file-id\ncuckoo:\n  instance: from-file\n  reportingConf: ${reporting}\n`,
    );
    const { config, origins } = await loadConfig({
      env: { CUCKOO_TC_CONFIG: yaml, TC_OWNER: 'Env Owner', CUCKOO_INSTANCE: 'from-env' },
      args: { instance: 'from-arg' },
    });
    expect(config.threatconnect.accessId).toBe('file-id');
    expect(config.threatconnect.apiUrl).toBe('https://from-reporting.example/api');
    expect(config.threatconnect.owner).toBe('Env Owner');
    expect(config.cuckoo.instance).toBe('from-arg');
    expect(origins.get('threatconnect.accessId')).toBe(`config file ${yaml}`);
    expect(origins.get('threatconnect.apiUrl')).toBe(
      `${reporting} [threatconnect-report] api_base_url`,
    );
    expect(origins.get('threatconnect.owner')).toBe('environment variable TC_OWNER');
    expect(origins.get('cuckoo.instance')).toBe('argument --instance');
  });

  it('prefers --config over CUCKOO_TC_CONFIG and reads JSON', async () => {
    const json = await file('a.json', JSON.stringify({ cuckoo: { instance: 'json-file' } }));
    const other = await file('b.yaml', 'cuckoo:\n  instance: env-file\n');
    const { config } = await loadConfig({
      env: { CUCKOO_TC_CONFIG: other },
      args: { config: json },
    });
    expect(config.cuckoo.instance).toBe('json-file');
  });

  it('coerces environment text strictly by the key type', async () => {
    const { config } = await loadConfig({
      env: {
        CUCKOO_TC_SANDBOX_NETWORKS: '10.0.0.0/8, 192.168.56.0/24',
        CUCKOO_TC_INCLUDE_DROPPED: 'yes',
        TC_REQUESTS_PER_SECOND: '2.5',
        TC_SECRET_KEY: '',
      },
    });
    expect(config.filters.sandboxNetworks).toEqual(['10.0.0.0/8', '192.168.56.0/24']);
    expect(config.filters.includeDropped).toBe(true);
    expect(config.threatconnect.requestsPerSecond).toBe(2.5);
    expect(config.threatconnect.secretKey).toBeNull();
  });

  it('accepts --set for any key, above everything else', async () => {
    const { config } = await loadConfig({
      env: { CUCKOO_INSTANCE: 'env' },
      args: { set: ['cuckoo.instance=set', 'queues.concurrency.parse=3'] },
    });
    expect(config.cuckoo.instance).toBe('set');
    expect(config.queues.concurrency.parse).toBe(3);
  });
});

describe('reporting.conf import', () => {
  it('maps every option of the old module onto our keys', async () => {
    const conf = await file(
      'full.conf',
      '[jsondump]\nenabled = yes\n\n[threatconnect-report]\nenabled = yes\napi_access_id = 12345678901234567890\napi_secret_key: s3cret\napi_base_url = https://api.example.com/api\ntarget_source = Example Source\nreport_link_template = https://cuckoo.example/analysis/{}/\n# a comment\n',
    );
    const { config, warnings } = await loadConfig({ args: { 'reporting-conf': conf } });
    expect(config.threatconnect).toMatchObject({
      accessId: '12345678901234567890',
      secretKey: 's3cret',
      apiUrl: 'https://api.example.com/api',
      owner: 'Example Source',
    });
    expect(config.cuckoo.reportLinkTemplate).toBe('https://cuckoo.example/analysis/{}/');
    expect(warnings).toEqual([]);
  });

  it('imports nothing from a disabled section and says so', async () => {
    const conf = await file(
      'disabled.conf',
      '[threatconnect-report]\nenabled = no\napi_access_id = x\n',
    );
    const { config, warnings } = await loadConfig({ env: { CUCKOO_REPORTING_CONF: conf } });
    expect(config.threatconnect.accessId).toBeNull();
    expect(warnings[0]).toContain('enabled = no');
  });

  it('warns about options it has no equivalent for', async () => {
    const conf = await file(
      'extra.conf',
      '[threatconnect-report]\nenabled = on\nsome_option = 1\n',
    );
    const { warnings } = await loadConfig({ env: { CUCKOO_REPORTING_CONF: conf } });
    expect(warnings).toEqual([expect.stringContaining('option some_option has no equivalent')]);
  });

  it('fails when the section is missing or the file unreadable', async () => {
    const conf = await file('other.conf', '[jsondump]\nenabled = yes\n');
    expect((await failure(loadConfig({ env: { CUCKOO_REPORTING_CONF: conf } }))).message).toContain(
      'has no [threatconnect-report] section',
    );
    expect(
      (await failure(loadConfig({ env: { CUCKOO_REPORTING_CONF: path.join(dir, 'nope.conf') } })))
        .message,
    ).toContain('cannot read reporting.conf');
  });

  it('names the reporting.conf option when its value is invalid', async () => {
    const conf = await file('bad-url.conf', '[threatconnect-report]\napi_base_url = not a url\n');
    const error = await failure(loadConfig({ env: { CUCKOO_REPORTING_CONF: conf } }));
    expect(error.message).toBe(
      `threatconnect.apiUrl (from ${conf} [threatconnect-report] api_base_url): must be an http(s) URL: value was "not a url"`,
    );
  });
});

describe('validation errors name the key and its source', () => {
  it('unknown key in a config file', async () => {
    const yaml = await file('unknown.yaml', 'threatconnect:\n  apiurl: https://x.example/api\n');
    expect((await failure(loadConfig({ args: { config: yaml } }))).message).toBe(
      `unknown key threatconnect.apiurl in config file ${yaml}`,
    );
  });

  it('unknown key in --set', async () => {
    expect((await failure(loadConfig({ args: { set: ['nope.key=1'] } }))).message).toBe(
      'unknown key nope.key in argument --set nope.key',
    );
  });

  it('--set without a value', async () => {
    expect((await failure(loadConfig({ args: { set: ['cuckoo.instance'] } }))).message).toContain(
      'must look like key=value',
    );
  });

  it('malformed URL from the environment', async () => {
    expect((await failure(loadConfig({ env: { TC_API_URL: 'ftp://x' } }))).message).toBe(
      'threatconnect.apiUrl (from environment variable TC_API_URL): must be an http(s) URL: value was "ftp://x"',
    );
  });

  it('a URL carrying credentials, which would travel into job data and logs', async () => {
    const error = await failure(
      loadConfig({ env: { CUCKOO_API_URL: 'http://user:pw@cuckoo.example:8090' } }),
    );
    expect(error.message).toBe(
      'cuckoo.apiUrl (from environment variable CUCKOO_API_URL): must not carry a user or password (use the matching token or secret key): value was "http://user:********@cuckoo.example:8090"',
    );
  });

  it('an instance name that would collide with another once made safe for ids', async () => {
    expect((await failure(loadConfig({ env: { CUCKOO_INSTANCE: 'lab 1' } }))).message).toContain(
      'cuckoo.instance (from environment variable CUCKOO_INSTANCE): must be 1-63 letters',
    );
    expect(
      (await loadConfig({ env: { CUCKOO_INSTANCE: 'cape-2.lab_1' } })).config.cuckoo.instance,
    ).toBe('cape-2.lab_1');
  });

  it('malformed Redis URL from an argument', async () => {
    expect((await failure(loadConfig({ args: { 'redis-url': 'http://x' } }))).message).toContain(
      'redis.url (from argument --redis-url): must be a redis:// or rediss:// URL',
    );
  });

  it('malformed CIDR in a file', async () => {
    const yaml = await file('cidr.yaml', 'filters:\n  treatAsPublic: ["198.51.100.0/33"]\n');
    expect((await failure(loadConfig({ args: { config: yaml } }))).message).toBe(
      `filters.treatAsPublic (from config file ${yaml}): "198.51.100.0/33" is not an IP address or CIDR: value was ["198.51.100.0/33"]`,
    );
  });

  it('wrong type, bad number, bad boolean, bad enum, bad time zone', async () => {
    expect(
      (await failure(loadConfig({ env: { TC_REQUESTS_PER_SECOND: 'fast' } }))).message,
    ).toContain(
      'threatconnect.requestsPerSecond (from environment variable TC_REQUESTS_PER_SECOND): must be a number greater than 0',
    );
    expect(
      (await failure(loadConfig({ env: { CUCKOO_TC_INCLUDE_DROPPED: 'maybe' } }))).message,
    ).toContain('filters.includeDropped (from environment variable CUCKOO_TC_INCLUDE_DROPPED)');
    expect((await failure(loadConfig({ env: { LOG_LEVEL: 'loud' } }))).message).toContain(
      'log.level (from environment variable LOG_LEVEL): must be one of',
    );
    expect(
      (await failure(loadConfig({ env: { CUCKOO_REPORT_TIMEZONE: 'Mars/Olympus' } }))).message,
    ).toContain('must be an IANA time zone name');
    expect(
      (await failure(loadConfig({ env: { CUCKOO_TC_WORKER_ROLES: 'parse,cook' } }))).message,
    ).toContain(
      'worker.roles (from environment variable CUCKOO_TC_WORKER_ROLES): must list one or more of parse, indicators, incidents',
    );
  });

  it('counts further problems on the same line', async () => {
    const error = await failure(loadConfig({ env: { TC_API_URL: 'x', CUCKOO_API_URL: 'y' } }));
    expect(error.message).toMatch(/\(and 1 more problem\)$/);
  });

  it('unreadable or malformed config files', async () => {
    expect(
      (await failure(loadConfig({ args: { config: path.join(dir, 'missing.yaml') } }))).message,
    ).toContain('cannot read config file');
    const broken = await file('broken.json', '{"redis": ');
    expect((await failure(loadConfig({ args: { config: broken } }))).message).toContain(
      `config file ${broken} is not valid JSON`,
    );
    const list = await file('list.yaml', '- a\n- b\n');
    expect((await failure(loadConfig({ args: { config: list } }))).message).toContain(
      'must hold a mapping',
    );
  });

  it('never shows a sensitive value in an error', async () => {
    const yaml = await file('secret-type.yaml', 'threatconnect:\n  secretKey: 12345\n');
    const error = await failure(loadConfig({ args: { config: yaml } }));
    expect(error.message).toContain('threatconnect.secretKey');
    expect(error.message).not.toContain('12345');
  });
});
