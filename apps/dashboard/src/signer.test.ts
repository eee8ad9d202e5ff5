import { describe, expect, it } from 'vitest';
import { createSigner } from './signer.js';

describe('createSigner', () => {
  it('verifies its own tokens for the same purpose only', () => {
    const signer = createSigner();
    const token = signer.issue('session', 60);
    expect(signer.verify('session', token)).toBe(true);
    expect(signer.verify('csrf', token)).toBe(false);
  });

  it('refuses tampered, foreign, malformed and missing tokens', () => {
    const signer = createSigner();
    const token = signer.issue('session', 60);
    const [expiry, nonce, mac] = token.split('.') as [string, string, string];
    expect(signer.verify('session', `${Number(expiry) + 3600}.${nonce}.${mac}`)).toBe(false);
    expect(signer.verify('session', createSigner().issue('session', 60))).toBe(false);
    expect(signer.verify('session', 'a.b')).toBe(false);
    expect(signer.verify('session', undefined)).toBe(false);
  });

  it('refuses expired tokens', () => {
    let now = 1_000_000_000_000;
    const signer = createSigner({ now: () => now });
    const token = signer.issue('session', 60);
    now += 59_000;
    expect(signer.verify('session', token)).toBe(true);
    now += 2_000;
    expect(signer.verify('session', token)).toBe(false);
  });
});
