import { readList, readPort, readRecord, readString } from './read-value.js';
import type { FlowEntry, HttpEntry, HttpExEntry } from './types.js';
import type { WarningLog } from './warning-log.js';

function text(value: unknown, path: string, log: WarningLog): string {
  return readString(value, path, log, false) ?? '';
}

/** Reads `network.http` (dpkt-parsed requests; `uri` is Cuckoo's rebuilt URL). */
export function readHttp(value: unknown, log: WarningLog): HttpEntry[] {
  const out: HttpEntry[] = [];
  readList(value, 'network.http', log).forEach((item, i) => {
    const path = `network.http[${i}]`;
    const record = readRecord(item, path, log);
    if (record === null) {
      return;
    }
    const entry: HttpEntry = {
      host: text(record.host, `${path}.host`, log).trim(),
      port: readPort(record.port ?? record.dport, `${path}.port`, log),
      uri: text(record.uri, `${path}.uri`, log).trim(),
      path: text(record.path, `${path}.path`, log),
      method: readString(record.method, `${path}.method`, log),
    };
    if (entry.host !== '' || entry.uri !== '') {
      out.push(entry);
    }
  });
  return out;
}

/** Reads `network.http_ex` / `https_ex` (httpreplay; `uri` is the request-target only). */
export function readHttpEx(
  value: unknown,
  key: 'http_ex' | 'https_ex',
  log: WarningLog,
): HttpExEntry[] {
  const out: HttpExEntry[] = [];
  readList(value, `network.${key}`, log).forEach((item, i) => {
    const path = `network.${key}[${i}]`;
    const record = readRecord(item, path, log);
    if (record === null) {
      return;
    }
    const declared = readString(record.protocol, `${path}.protocol`, log)?.toLowerCase();
    const protocol =
      declared === 'http' || declared === 'https'
        ? declared
        : key === 'https_ex'
          ? 'https'
          : 'http';
    out.push({
      protocol,
      host: text(record.host, `${path}.host`, log).trim(),
      dst: readString(record.dst, `${path}.dst`, log)?.trim() ?? null,
      dport: readPort(record.dport, `${path}.dport`, log),
      uri: text(record.uri, `${path}.uri`, log).trim(),
      method: readString(record.method, `${path}.method`, log),
    });
  });
  return out;
}

/** Reads `network.tcp` / `udp` flows; non-address `src` values (CAPE "behavior") pass through. */
export function readFlows(value: unknown, key: 'tcp' | 'udp', log: WarningLog): FlowEntry[] {
  const out: FlowEntry[] = [];
  readList(value, `network.${key}`, log).forEach((item, i) => {
    const path = `network.${key}[${i}]`;
    const record = readRecord(item, path, log);
    if (record === null) {
      return;
    }
    out.push({
      src: text(record.src, `${path}.src`, log).trim(),
      dst: text(record.dst, `${path}.dst`, log).trim(),
      sport: readPort(record.sport, `${path}.sport`, log),
      dport: readPort(record.dport, `${path}.dport`, log),
    });
  });
  return out;
}
