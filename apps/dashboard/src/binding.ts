import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { CheckedCredentials } from './credentials.js';
import { hasCredentials } from './credentials.js';
import { InsecureBindingError } from './errors.js';

function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  return ipaddr.isValid(bare) && ipaddr.process(bare).range() === 'loopback';
}

/**
 * True when `host` only ever means this machine: a loopback address, or a name that resolves
 * to loopback addresses only. Wildcards (`0.0.0.0`, `::`) and unresolvable names are not.
 */
export async function isLoopbackHost(host: string): Promise<boolean> {
  if (ipaddr.isValid(host.replace(/^\[|\]$/g, ''))) {
    return isLoopbackAddress(host);
  }
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every(entry => isLoopbackAddress(entry.address));
  } catch {
    return false;
  }
}

/** What {@link assertSafeBinding} concluded. */
export interface BindingVerdict {
  loopback: boolean;
  /** Set when the board will run without credentials (allowed on loopback only). */
  warning?: string;
}

/**
 * Refuses to listen on a reachable address without credentials; on loopback without them it
 * allows the board and returns a warning to print.
 */
export async function assertSafeBinding(
  host: string,
  credentials: CheckedCredentials,
): Promise<BindingVerdict> {
  const loopback = await isLoopbackHost(host);
  if (hasCredentials(credentials)) {
    return { loopback };
  }
  if (!loopback) {
    throw new InsecureBindingError(
      `refusing to listen on ${host} (dashboard.host) without credentials; set DASHBOARD_USER and ` +
        `DASHBOARD_PASSWORD or DASHBOARD_TOKEN (dashboard.user/password/token), or bind to 127.0.0.1`,
    );
  }
  return {
    loopback,
    warning:
      `dashboard: no credentials configured; anyone with a shell on this machine can use the ` +
      `board at ${host} (set DASHBOARD_USER/DASHBOARD_PASSWORD or DASHBOARD_TOKEN)`,
  };
}
