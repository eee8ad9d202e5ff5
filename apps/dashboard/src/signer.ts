import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Issues and checks HMAC-signed tokens with a key that lives only as long as the process. */
export interface Signer {
  /** A fresh random token of `purpose`, expiring after `ttlSeconds`. */
  issue(purpose: string, ttlSeconds: number): string;
  /** True when `token` was issued by this signer for `purpose` and has not expired. */
  verify(purpose: string, token: string | undefined): boolean;
}

/** Options of {@link createSigner}. */
export interface SignerOptions {
  /** Defaults to 32 random bytes: a restart logs every browser out, which is intended. */
  key?: Buffer;
  now?: () => number;
}

function mac(key: Buffer, purpose: string, body: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${body}`).digest('base64url');
}

/** Creates a {@link Signer}; tokens read `<expiry>.<nonce>.<mac>`, safe in cookies and headers. */
export function createSigner(options: SignerOptions = {}): Signer {
  const key = options.key ?? randomBytes(32);
  const now = options.now ?? Date.now;
  return {
    issue(purpose, ttlSeconds) {
      const body = `${Math.floor(now() / 1000) + ttlSeconds}.${randomBytes(18).toString('base64url')}`;
      return `${body}.${mac(key, purpose, body)}`;
    },
    verify(purpose, token) {
      const parts = token?.split('.');
      if (parts?.length !== 3) {
        return false;
      }
      const [expiry, nonce, given] = parts as [string, string, string];
      const expected = Buffer.from(mac(key, purpose, `${expiry}.${nonce}`));
      const actual = Buffer.from(given);
      return (
        actual.length === expected.length &&
        timingSafeEqual(actual, expected) &&
        Number(expiry) * 1000 > now()
      );
    },
  };
}
