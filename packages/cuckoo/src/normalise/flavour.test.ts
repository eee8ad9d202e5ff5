import { describe, expect, it } from 'vitest';
import { detectFlavour, type FlavourHints } from './flavour.js';

const plain: FlavourHints = {
  version: null,
  startedIsNumber: false,
  objectHosts: false,
  legacyDns: false,
};

describe('detectFlavour', () => {
  it.each([
    [{ version: '2.4-CAPE' }, 'cape'],
    [{ version: '2.2-CAPE', objectHosts: true }, 'cape'],
    [{ version: '2.0.7', startedIsNumber: true }, 'cuckoo-2.0'],
    [{ version: '2.0-dev' }, 'cuckoo-2.0'],
    [{ version: null, startedIsNumber: true }, 'cuckoo-2.0'],
    [{ version: '1.2' }, 'cuckoo-1.2'],
    [{ version: '1.3-dev' }, 'cuckoo-1.2'],
    [{ version: '1.2', objectHosts: true }, 'cuckoo-fork'],
    [{ version: 'v0.1', legacyDns: true }, 'cuckoo-fork'],
    [{ version: null, objectHosts: true }, 'cuckoo-fork'],
    [{ version: 'v0.1' }, 'unknown'],
    [{}, 'unknown'],
  ])('%j → %s', (hints, flavour) => {
    expect(detectFlavour({ ...plain, ...hints })).toBe(flavour);
  });
});
