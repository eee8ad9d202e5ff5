import { isMissing, readList, readRecord, readString } from './read-value.js';
import type { DomainEntry, HostEntry } from './types.js';
import type { WarningLog } from './warning-log.js';

/** `network.hosts` entries, plus whether any was a CAPE/cuckoo-modified `{ip, ...}` object. */
export interface HostsReading {
  readonly hosts: HostEntry[];
  readonly objectHosts: boolean;
}

/** Reads `network.hosts`: Cuckoo's IP strings or CAPE's `{ip, hostname, ...}` objects. */
export function readHosts(value: unknown, log: WarningLog): HostsReading {
  const hosts: HostEntry[] = [];
  let objectHosts = false;
  readList(value, 'network.hosts', log).forEach((item, i) => {
    const path = `network.hosts[${i}]`;
    if (typeof item === 'string') {
      if (item.trim() !== '') {
        hosts.push({ ip: item.trim(), hostname: null });
      }
      return;
    }
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const record = item as Record<string, unknown>;
      const ip = readString(record.ip, `${path}.ip`, log);
      if (ip === null) {
        if (isMissing(record.ip)) {
          log.add(path, 'host object without an ip');
        }
        return;
      }
      objectHosts = true;
      hosts.push({ ip: ip.trim(), hostname: readString(record.hostname, `${path}.hostname`, log) });
      return;
    }
    log.expected(path, 'string or {ip}', item);
  });
  return { hosts, objectHosts };
}

/** Reads `network.domains` (`{domain, ip}`; ip `""` when the sandbox host could not resolve it). */
export function readDomains(value: unknown, log: WarningLog): DomainEntry[] {
  const domains: DomainEntry[] = [];
  readList(value, 'network.domains', log).forEach((item, i) => {
    const path = `network.domains[${i}]`;
    const record = readRecord(item, path, log);
    if (record === null) {
      return;
    }
    const domain = readString(record.domain, `${path}.domain`, log);
    if (domain === null) {
      if (isMissing(record.domain)) {
        log.add(path, 'domain entry without a domain');
      }
      return;
    }
    domains.push({ domain, ip: readString(record.ip, `${path}.ip`, log)?.trim() ?? null });
  });
  return domains;
}

/** Reads a list of strings such as `network.dns_servers`. */
export function readStringList(value: unknown, path: string, log: WarningLog): string[] {
  const out: string[] = [];
  readList(value, path, log).forEach((item, i) => {
    const text = readString(item, `${path}[${i}]`, log);
    if (text !== null) {
      out.push(text.trim());
    }
  });
  return out;
}
