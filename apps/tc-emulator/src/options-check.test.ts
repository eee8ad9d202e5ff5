import { expect, it } from 'vitest';
import { checkEmulatorOptions } from './options-check.js';
import type { EmulatorOptions } from './options.js';

it('accepts the defaults and a full set', () => {
  expect(() => checkEmulatorOptions({})).not.toThrow();
  expect(() =>
    checkEmulatorOptions({
      port: 8810,
      apiPrefix: '/api',
      users: [{ accessId: 'a', secretKey: 's', defaultOwner: 'O' }],
      owners: [
        {
          name: 'O',
          attributeTypes: [{ name: 'T', maxSize: 10 }],
          securityLabels: [{ name: 'L' }],
        },
      ],
      exclusions: { cidrs: ['10.0.0.0/8', 'fc00::/7'], hosts: ['*.local'] },
    }),
  ).not.toThrow();
});

it.each([
  [{ port: 70000 }, /option port/],
  [{ apiPrefix: 'api' }, /option apiPrefix/],
  [{ users: {} }, /option users must be a list/],
  [{ users: [{ accessId: 'a', secretKey: '', defaultOwner: 'O' }] }, /users\[0\]\.secretKey/],
  [
    { owners: [{ name: 'O', attributeTypes: [{ name: 'T' }] }] },
    /owners\[0\]\.attributeTypes\[0\]\.maxSize/,
  ],
  [
    { exclusions: { cidrs: ['10.0.0.0/33'] } },
    /exclusions\.cidrs\[0\] must be an IPv4 or IPv6 CIDR/,
  ],
  [{ exclusions: { hosts: [42] } }, /exclusions\.hosts\[0\]/],
])('refuses %j', (options, message) => {
  expect(() => checkEmulatorOptions(options as unknown as EmulatorOptions)).toThrow(message);
});
