import { describe, expect, it } from 'vitest';
import { TcMissingMetadataError } from '@cuckoo-tc/threatconnect';
import { withoutMissing } from './process-create-incident.js';

const context = { method: 'POST', path: '/api/v3/groups', status: 400 };
const input = {
  name: 'Cuckoo Analysis 20180206: a.exe',
  eventDate: '2018-02-06T16:40:25Z',
  xid: 'cuckoo-tc-lab-1',
  attributes: [
    { type: 'Analysis ID', value: '1', securityLabels: ['DO NOT SHARE'] },
    { type: 'Source', value: 'http://cuckoo/1', securityLabels: ['DO NOT SHARE', 'TLP:AMBER'] },
  ],
};

describe('withoutMissing (BUG-18)', () => {
  it('drops the missing attribute type and says what to create where', () => {
    const err = new TcMissingMetadataError(
      { kind: 'attribute-type', names: ['Analysis ID'], owner: 'Lab' },
      context,
    );
    const next = withoutMissing(input, err);
    expect(next?.input.attributes.map(a => a.type)).toEqual(['Source']);
    expect(next?.warning).toMatch(/'Analysis ID' does not exist in owner 'Lab'.*create it/);
  });

  it('drops every attribute when ThreatConnect did not name the missing type', () => {
    const err = new TcMissingMetadataError(
      { kind: 'attribute-type', names: [], owner: 'Lab' },
      context,
    );
    expect(withoutMissing(input, err)?.input.attributes).toEqual([]);
  });

  it('drops only the missing label and keeps the attributes', () => {
    const err = new TcMissingMetadataError(
      { kind: 'security-label', names: ['do not share'], owner: 'Lab' },
      context,
    );
    const next = withoutMissing(input, err);
    expect(next?.input.attributes.map(a => a.securityLabels)).toEqual([[], ['TLP:AMBER']]);
    expect(next?.warning).toMatch(/security label 'DO NOT SHARE'/);
  });

  it('returns null when nothing it sent is missing (the error is then a real failure)', () => {
    const err = new TcMissingMetadataError(
      { kind: 'attribute-type', names: ['Description'], owner: 'Lab' },
      context,
    );
    expect(withoutMissing(input, err)).toBeNull();
  });
});
