// Built-in defaults: one API user in one organization, the group attribute types and labels the
// product needs, and exclusion lists that refuse private and reserved addresses.
import type { AttributeTypeSpec, EmulatorUser, OwnerSpec, SecurityLabelSpec } from './options.js';

/** Name of the default organization. */
export const DEFAULT_OWNER = 'Cuckoo Sandbox';

/** The default API user (HMAC credentials and an API token). */
export const DEFAULT_USER: EmulatorUser = {
  accessId: 'emulator-access-id',
  secretKey: 'emulator-secret-key',
  apiToken: 'emulator-api-token',
  defaultOwner: DEFAULT_OWNER,
};

/** Attribute types present in every owner that does not list its own. */
export const DEFAULT_ATTRIBUTE_TYPES: AttributeTypeSpec[] = [
  { name: 'Analysis ID', maxSize: 100, description: 'Sandbox analysis (task) id.' },
  { name: 'Source', maxSize: 2048, description: 'Where the intelligence came from.' },
  { name: 'Description', maxSize: 65500, description: 'Free text description.' },
];

/** Security labels present in every owner that does not list its own. */
export const DEFAULT_SECURITY_LABELS: SecurityLabelSpec[] = [
  { name: 'TLP:AMBER', color: 'FFC000', description: 'Limited disclosure.' },
  { name: 'TLP:AMBER+STRICT', color: 'FFC000', description: 'Limited to the organization.' },
  { name: 'TLP:CLEAR', color: 'FFFFFF', description: 'Disclosure is not limited.' },
  { name: 'TLP:GREEN', color: '33FF00', description: 'Limited to the community.' },
  { name: 'TLP:RED', color: 'FF0033', description: 'For the eyes and ears of recipients only.' },
  { name: 'TLP:WHITE', color: 'FFFFFF', description: 'Disclosure is not limited.' },
  { name: 'DO NOT SHARE', color: '000000', description: 'Must not leave the organization.' },
];

/** The default owner list. */
export const DEFAULT_OWNERS: OwnerSpec[] = [{ name: DEFAULT_OWNER, type: 'Organization' }];

/**
 * Private, loopback, link-local, multicast and reserved networks. The documentation ranges
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are left out on purpose:
 * tests use them as stand-ins for public addresses.
 */
export const DEFAULT_EXCLUDED_CIDRS: string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '100::/64',
  '2001::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

/** Fixed host names (and `*.` suffixes) on the default exclusion list. */
export const DEFAULT_EXCLUDED_HOSTS: string[] = [
  'localhost.localdomain',
  '*.localhost',
  '*.local',
  '*.in-addr.arpa',
  '*.ip6.arpa',
];
