import { describe, expect, it } from 'vitest';
import { parseJobKey } from './job-key.js';

describe('parseJobKey', () => {
  it('splits queue and id under a plain prefix', () => {
    expect(parseJobKey('cuckoo-tc:incidents:associate-sb-1-v1', 'cuckoo-tc')).toEqual({
      queue: 'incidents',
      id: 'associate-sb-1-v1',
    });
  });

  it('keeps a prefix that contains a colon', () => {
    expect(parseJobKey('{ct}:prod:indicators:indicators-sb-1-v1-c0', '{ct}:prod')).toEqual({
      queue: 'indicators',
      id: 'indicators-sb-1-v1-c0',
    });
  });

  it('refuses keys of another prefix or without a queue', () => {
    expect(parseJobKey('other:incidents:x', 'cuckoo-tc')).toBeNull();
    expect(parseJobKey('cuckoo-tc:x', 'cuckoo-tc')).toBeNull();
    expect(parseJobKey('cuckoo-tc:incidents:', 'cuckoo-tc')).toBeNull();
    expect(parseJobKey('cuckoo-tc:a:b:c', 'cuckoo-tc')).toBeNull();
  });
});
