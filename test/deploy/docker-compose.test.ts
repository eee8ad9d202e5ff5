// docker-compose.yml is written for users (no Docker engine runs here), so this test reads it:
// services, images/builds, healthchecks, Redis safety settings, and every environment name
// checked against the configuration schema.
import { readFile } from 'node:fs/promises';
import { schemaLeaves } from '@cuckoo-tc/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  ports?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }> | string[];
}

let services: Record<string, Service>;
const known = new Set(schemaLeaves.flatMap(leaf => (leaf.env ? [leaf.env] : [])));

beforeAll(async () => {
  const text = await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
  services = (parse(text, { merge: true }) as { services: Record<string, Service> }).services;
});

describe('docker-compose.yml', () => {
  it('has redis, the emulator (dev profile only), producer, worker and dashboard', () => {
    expect(Object.keys(services).sort()).toEqual([
      'dashboard',
      'producer',
      'redis',
      'tc-emulator',
      'worker',
    ]);
    expect(services['tc-emulator']?.profiles).toEqual(['dev']);
    for (const name of ['producer', 'worker', 'dashboard']) {
      expect(services[name]?.profiles, name).toBeUndefined();
    }
  });

  it('runs Redis with AOF persistence and noeviction', () => {
    const command = services.redis?.command?.join(' ') ?? '';
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('builds every cuckoo-tc role from the one image, each with its own command', () => {
    const commands: Record<string, string | undefined> = {};
    for (const name of ['tc-emulator', 'producer', 'worker', 'dashboard']) {
      const service = services[name]!;
      expect(service.build, name).toBe('.');
      expect(service.image, name).toBe('cuckoo-tc:latest');
      commands[name] = service.command?.[0];
    }
    expect(commands).toEqual({
      'tc-emulator': 'emulator',
      producer: 'producer',
      worker: 'worker',
      dashboard: 'dashboard',
    });
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test?.length, name).toBeGreaterThan(0);
    }
  });

  it('names only environment variables the configuration schema knows', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(known.has(variable), `${name}: ${variable}`).toBe(true);
      }
    }
  });

  it('keeps workers scalable and the dashboard closed without credentials', () => {
    expect(services.worker?.container_name).toBeUndefined();
    expect(services.worker?.ports).toBeUndefined();
    const dashboard = services.dashboard!;
    expect(dashboard.environment?.DASHBOARD_HOST).toBe('0.0.0.0');
    expect(dashboard.environment?.DASHBOARD_PASSWORD).toMatch(/^\$\{DASHBOARD_PASSWORD:\?/);
    expect(dashboard.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('points producer and worker at the same Redis and ThreatConnect settings', () => {
    for (const name of ['producer', 'worker']) {
      expect(services[name]?.environment).toMatchObject({
        REDIS_URL: 'redis://redis:6379',
        TC_API_URL: '${TC_API_URL:-http://tc-emulator:8810/api}',
      });
    }
  });
});
