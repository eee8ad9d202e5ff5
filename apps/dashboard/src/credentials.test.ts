import { describe, expect, it } from 'vitest';
import { checkCredentials, hasCredentials, secretEquals } from './credentials.js';
import { isCredentialsError } from './errors.js';

describe('checkCredentials', () => {
  it('keeps basic and token parts and drops empty values', () => {
    expect(checkCredentials({ user: 'u', password: 'p', token: '' })).toEqual({
      basic: { user: 'u', password: 'p' },
    });
    expect(checkCredentials({ token: 't', user: null, password: null })).toEqual({ token: 't' });
    expect(hasCredentials(checkCredentials({}))).toBe(false);
  });

  it('refuses a password without a user, never echoing the secret', () => {
    let caught: unknown;
    try {
      checkCredentials({ password: 's3cret-value' });
    } catch (error) {
      caught = error;
    }
    expect(isCredentialsError(caught)).toBe(true);
    expect((caught as Error).message).toContain('dashboard.user');
    expect((caught as Error).message).not.toContain('s3cret-value');
  });
});

describe('secretEquals', () => {
  it('compares exactly, whatever the lengths', () => {
    expect(secretEquals('abc', 'abc')).toBe(true);
    expect(secretEquals('abc', 'abd')).toBe(false);
    expect(secretEquals('abc', 'abcd')).toBe(false);
    expect(secretEquals('', 'abc')).toBe(false);
  });
});
