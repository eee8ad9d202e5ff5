import { describe, expect, it } from 'vitest';
import { assertSafeBinding, isLoopbackHost } from './binding.js';
import { isInsecureBindingError } from './errors.js';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost'])(
    '%s is loopback',
    async host => {
      expect(await isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '10.0.0.1', '192.0.2.10', 'fe80::1'])(
    '%s is not loopback',
    async host => {
      expect(await isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('assertSafeBinding', () => {
  it('throws on a reachable address without credentials', async () => {
    const error = await assertSafeBinding('0.0.0.0', {}).catch((caught: unknown) => caught);
    expect(isInsecureBindingError(error)).toBe(true);
  });

  it('warns on loopback without credentials and says nothing with them', async () => {
    expect((await assertSafeBinding('127.0.0.1', {})).warning).toContain('no credentials');
    expect(await assertSafeBinding('0.0.0.0', { token: 't' })).toEqual({ loopback: false });
  });
});
