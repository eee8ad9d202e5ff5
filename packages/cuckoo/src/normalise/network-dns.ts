import { isMissing, readList, readRecord, readString } from './read-value.js';
import type { DnsAnswer, DnsEntry } from './types.js';
import type { WarningLog } from './warning-log.js';

/** `network.dns` entries, plus whether the legacy `{hostname, ip}` shape was seen. */
export interface DnsReading {
  readonly dns: DnsEntry[];
  readonly legacyDns: boolean;
}

// Cuckoo appends `{}` for answer types it does not map (SRV, ...): documented, so no warning.
function readAnswers(value: unknown, path: string, log: WarningLog): DnsAnswer[] {
  const answers: DnsAnswer[] = [];
  readList(value, path, log).forEach((item, i) => {
    const record = readRecord(item, `${path}[${i}]`, log);
    if (record === null || Object.keys(record).length === 0) {
      return;
    }
    const type = readString(record.type, `${path}[${i}].type`, log);
    const data = readString(record.data, `${path}[${i}].data`, log);
    if (type !== null && data !== null) {
      answers.push({ type: type.trim().toUpperCase(), data: data.trim() });
    }
  });
  return answers;
}

// Cuckoo <= 0.4 and the VirusTotal fork: `{hostname, ip}` with no answers list.
function readLegacyEntry(
  record: Record<string, unknown>,
  path: string,
  log: WarningLog,
): DnsEntry | null {
  const request = readString(record.hostname, `${path}.hostname`, log);
  if (request === null) {
    return null;
  }
  const ip = readString(record.ip, `${path}.ip`, log)?.trim() ?? null;
  const answers = ip === null ? [] : [{ type: ip.includes(':') ? 'AAAA' : 'A', data: ip }];
  return { request: request.trim(), type: 'A', answers };
}

/** Reads `network.dns` in the `{request, type, answers}` shape or the legacy `{hostname, ip}` one. */
export function readDns(value: unknown, log: WarningLog): DnsReading {
  const dns: DnsEntry[] = [];
  let legacyDns = false;
  readList(value, 'network.dns', log).forEach((item, i) => {
    const path = `network.dns[${i}]`;
    const record = readRecord(item, path, log);
    if (record === null) {
      return;
    }
    if (!('request' in record) && 'hostname' in record) {
      const legacy = readLegacyEntry(record, path, log);
      if (legacy !== null) {
        legacyDns = true;
        dns.push(legacy);
      }
      return;
    }
    const request = readString(record.request, `${path}.request`, log);
    if (request === null) {
      if (isMissing(record.request)) {
        log.add(path, 'dns entry without a request name');
      }
      return;
    }
    const type = readString(record.type, `${path}.type`, log);
    const answers = readAnswers(record.answers, `${path}.answers`, log);
    dns.push({ request: request.trim(), type: type?.trim().toUpperCase() ?? null, answers });
  });
  return { dns, legacyDns };
}
