// Checks options that may come from a config file, so a wrong shape fails at start with one
// line naming the field instead of a TypeError later.
import ipaddr from 'ipaddr.js';
import type { EmulatorOptions } from './options.js';

function fail(field: string, expected: string): never {
  throw new Error(`emulator option ${field} must be ${expected}`);
}

function list(value: unknown, field: string): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : fail(field, 'a list');
}

function text(value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') {
    fail(field, 'a non-empty string');
  }
}

function record(value: unknown, field: string): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(field, 'an object');
}

function checkOwners(owners: unknown): void {
  list(owners, 'owners').forEach((raw, i) => {
    const owner = record(raw, `owners[${i}]`);
    text(owner.name, `owners[${i}].name`);
    list(owner.attributeTypes, `owners[${i}].attributeTypes`).forEach((rawType, j) => {
      const type = record(rawType, `owners[${i}].attributeTypes[${j}]`);
      text(type.name, `owners[${i}].attributeTypes[${j}].name`);
      if (typeof type.maxSize !== 'number' || !(type.maxSize > 0)) {
        fail(`owners[${i}].attributeTypes[${j}].maxSize`, 'a positive number');
      }
    });
    list(owner.securityLabels, `owners[${i}].securityLabels`).forEach((label, j) =>
      text(
        record(label, `owners[${i}].securityLabels[${j}]`).name,
        `owners[${i}].securityLabels[${j}].name`,
      ),
    );
  });
}

function checkExclusions(exclusions: unknown): void {
  if (exclusions === undefined) {
    return;
  }
  const lists = record(exclusions, 'exclusions');
  for (const key of ['cidrs', 'addresses', 'hosts', 'urls']) {
    list(lists[key], `exclusions.${key}`).forEach((v, i) => text(v, `exclusions.${key}[${i}]`));
  }
  list(lists.cidrs, 'exclusions.cidrs').forEach((cidr, i) => {
    try {
      ipaddr.parseCIDR(cidr as string);
    } catch {
      fail(`exclusions.cidrs[${i}]`, `an IPv4 or IPv6 CIDR (got ${String(cidr)})`);
    }
  });
}

/** Throws an Error naming the first malformed option. */
export function checkEmulatorOptions(options: EmulatorOptions): void {
  const port = options.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    fail('port', 'a whole number from 0 to 65535');
  }
  if (options.apiPrefix !== undefined && !/^(\/[^/?#]+)*\/?$|^$/.test(options.apiPrefix)) {
    fail('apiPrefix', "a path such as '/api' (or '')");
  }
  list(options.users, 'users').forEach((raw, i) => {
    const user = record(raw, `users[${i}]`);
    ['accessId', 'secretKey', 'defaultOwner'].forEach(key => text(user[key], `users[${i}].${key}`));
  });
  checkOwners(options.owners);
  checkExclusions(options.exclusions);
}
