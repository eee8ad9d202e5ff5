import ipaddr from 'ipaddr.js';

// Inline convict formats. Each throws a short message; convict prefixes it with the key name
// and the loader adds the source the value came from.

/** An http(s) URL without credentials in it, or null when the key is optional. */
export function httpUrlOrNull(value: unknown): void {
  if (value === null) {
    return;
  }
  assertUrl(value, ['http:', 'https:'], 'must be an http(s) URL');
  const url = new URL(value as string);
  // Such URLs travel in job data, error messages and logs; credentials belong in token keys.
  if (url.username !== '' || url.password !== '') {
    throw new Error('must not carry a user or password (use the matching token or secret key)');
  }
}

/** A stable instance name: it is part of job ids, delivery records and incident xids. */
export function instanceName(value: unknown): void {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(value)) {
    throw new Error(
      'must be 1-63 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    );
  }
}

/** A redis:// or rediss:// URL. */
export function redisUrl(value: unknown): void {
  assertUrl(value, ['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL');
}

function assertUrl(value: unknown, protocols: string[], message: string): void {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new Error(message);
  }
  if (!protocols.includes(new URL(value).protocol)) {
    throw new Error(message);
  }
}

/** An IPv4/IPv6 address or CIDR, as written by an operator. */
export function isAddressOrCidr(value: string): boolean {
  return ipaddr.isValid(value) || ipaddr.isValidCIDR(value);
}

/** A list of addresses and/or CIDRs. */
export function addressOrCidrList(value: unknown): void {
  assertStringList(value);
  const bad = value.find(entry => !isAddressOrCidr(entry));
  if (bad !== undefined) {
    throw new Error(`"${bad}" is not an IP address or CIDR`);
  }
}

/** A list of strings. */
export function stringList(value: unknown): asserts value is string[] {
  assertStringList(value);
}

function assertStringList(value: unknown): asserts value is string[] {
  if (!Array.isArray(value) || value.some(entry => typeof entry !== 'string')) {
    throw new Error('must be a list of strings');
  }
}

/** A list whose entries all come from `allowed`, with at least one entry. */
export function oneOrMoreOf(allowed: readonly string[]): (value: unknown) => void {
  return value => {
    assertStringList(value);
    const bad = value.find(entry => !allowed.includes(entry));
    if (value.length === 0 || bad !== undefined) {
      throw new Error(`must list one or more of ${allowed.join(', ')}`);
    }
  };
}

/** An integer ≥ 1. */
export function positiveInt(value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error('must be a whole number of at least 1');
  }
}

/** A positive number (fractions allowed, e.g. 0.5 requests per second). */
export function positiveNumber(value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error('must be a number greater than 0');
  }
}

/** A non-empty string, or null when the key is optional. */
export function nonEmptyStringOrNull(value: unknown): void {
  if (value !== null && (typeof value !== 'string' || value.length === 0)) {
    throw new Error('must be a non-empty string');
  }
}

/** A non-empty string. */
export function nonEmptyString(value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error('must be a non-empty string');
  }
}

/** An IANA time zone name such as UTC or Europe/Berlin. */
export function timeZone(value: unknown): void {
  try {
    if (typeof value !== 'string') {
      throw new Error();
    }
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new Error('must be an IANA time zone name such as UTC or Europe/Berlin');
  }
}

/** An IP address, or null. */
export function addressOrNull(value: unknown): void {
  if (value !== null && (typeof value !== 'string' || !ipaddr.isValid(value))) {
    throw new Error('must be an IP address');
  }
}

/** A real boolean (convict's own Boolean format would turn any text but "false" into true). */
export function booleanValue(value: unknown): void {
  if (typeof value !== 'boolean') {
    throw new Error('must be true or false (yes/no, on/off and 1/0 are accepted in text)');
  }
}
