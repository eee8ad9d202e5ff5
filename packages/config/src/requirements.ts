import type { AppConfig } from './app-config.js';
import { ConfigError } from './config-error.js';
import { findLeaf } from './schema-leaves.js';

/** Where an operator can set a key, for messages. */
function howToSet(path: string, reportingConfOption?: string): string {
  const env = findLeaf(path)?.env;
  const ways = [env ? `environment variable ${env}` : null, `${path} in the config file`];
  if (reportingConfOption) {
    ways.push(`${reportingConfOption} in reporting.conf [threatconnect-report]`);
  }
  return ways.filter(Boolean).join(', or ');
}

function missing(path: string, command: string, why: string, option?: string): ConfigError {
  return new ConfigError(
    `${path} is not set; '${command}' ${why} (set ${howToSet(path, option)})`,
    path,
  );
}

/** The ThreatConnect settings a command needs, checked together; throws a {@link ConfigError}. */
export function requireThreatConnect(config: AppConfig, command: string): void {
  const tc = config.threatconnect;
  if (tc.apiUrl === null) {
    throw missing('threatconnect.apiUrl', command, 'talks to ThreatConnect', 'api_base_url');
  }
  if (tc.owner === null) {
    throw missing('threatconnect.owner', command, 'needs the owner to write to', 'target_source');
  }
  if (tc.apiToken !== null) {
    return;
  }
  if (tc.accessId === null) {
    throw missing(
      'threatconnect.accessId',
      command,
      'needs ThreatConnect credentials (or threatconnect.apiToken)',
      'api_access_id',
    );
  }
  if (tc.secretKey === null) {
    throw missing(
      'threatconnect.secretKey',
      command,
      'needs ThreatConnect credentials (or threatconnect.apiToken)',
      'api_secret_key',
    );
  }
}

/**
 * The settings the configured producer sources need (storage: cuckoo.storageDir, api:
 * cuckoo.apiUrl), checked before a command opens anything; throws a {@link ConfigError}.
 */
export function requireProducerSources(config: AppConfig, command: string): void {
  const { sources } = config.producer;
  if (sources.includes('storage') && config.cuckoo.storageDir === null) {
    throw missing('cuckoo.storageDir', command, 'runs the storage source, which scans it');
  }
  if (sources.includes('api') && config.cuckoo.apiUrl === null) {
    throw missing('cuckoo.apiUrl', command, 'runs the api source, which polls it');
  }
}
