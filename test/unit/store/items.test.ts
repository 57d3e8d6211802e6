import { withoutStorageAttributes } from '../../../src/store/items';

describe('withoutStorageAttributes', () => {
  it('hands the domain every field of a stored item but its keys, index keys, type and search fields', () => {
    const item = {
      pk: 'SERVICE#s1',
      sk: 'SERVICE',
      gsi1pk: 'PROVIDER#p1',
      gsi1sk: 'name#s1',
      gsi2pk: 'SERVICES',
      gsi2sk: 'name#s1',
      type: 'CloudService',
      searchText: 'stratus compute',
      certificationKinds: ['ISO_27017'],
      id: 's1',
      name: 'Stratus Compute',
      regions: ['eu-west-1'],
      description: null,
    };
    expect(withoutStorageAttributes(item)).toEqual({ id: 's1', name: 'Stratus Compute', regions: ['eu-west-1'], description: null });
  });

  it('never takes a prototype from an attribute named __proto__', () => {
    const item = JSON.parse('{"id":"s1","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const domain = withoutStorageAttributes<Record<string, unknown>>(item);
    expect(Object.getPrototypeOf(domain)).toBe(Object.prototype);
    expect(domain).toEqual({ id: 's1' });
    expect('polluted' in domain).toBe(false);
  });
});
