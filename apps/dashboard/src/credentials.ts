import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CredentialsError } from './errors.js';

/** Who may use the dashboard: basic-auth user and password, a bearer token, or both. */
export interface DashboardCredentials {
  user?: string | null;
  password?: string | null;
  token?: string | null;
}

/** Credentials after validation: absent parts are `undefined`, never empty strings. */
export interface CheckedCredentials {
  basic?: { user: string; password: string };
  token?: string;
}

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** Validates credentials: a user needs a password and the reverse; the messages name keys only. */
export function checkCredentials(credentials: DashboardCredentials = {}): CheckedCredentials {
  const user = present(credentials.user);
  const password = present(credentials.password);
  const token = present(credentials.token);
  if ((user === undefined) !== (password === undefined)) {
    const missing = user === undefined ? 'dashboard.user' : 'dashboard.password';
    throw new CredentialsError(
      `basic auth needs both dashboard.user and dashboard.password; ${missing} is not set`,
    );
  }
  return {
    ...(user !== undefined && password !== undefined ? { basic: { user, password } } : {}),
    ...(token !== undefined ? { token } : {}),
  };
}

/** True when any way to authenticate is configured. */
export function hasCredentials(credentials: CheckedCredentials): boolean {
  return credentials.basic !== undefined || credentials.token !== undefined;
}

// One random key per process: digests of equal length make the comparison independent of
// where the strings differ and of their lengths.
const compareKey = randomBytes(32);

/** Compares two secrets in constant time (HMAC both first, so lengths leak nothing either). */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHmac('sha256', compareKey).update(given).digest();
  const b = createHmac('sha256', compareKey).update(expected).digest();
  return timingSafeEqual(a, b);
}
