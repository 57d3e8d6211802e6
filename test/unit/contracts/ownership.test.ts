import { OWNERSHIP_CROSSWALK } from '../../../src/domain/contracts/crosswalk';
import { OWNERSHIPS, ownershipShift } from '../../../src/domain/contracts/ownership';

describe('ownership', () => {
  it('moves toward the customer along PROVIDER < PROVIDER_VIA_UPSTREAM < SHARED < CUSTOMER_CONFIGURED < CUSTOMER', () => {
    expect(ownershipShift('PROVIDER', 'SHARED')).toBe('TOWARD_CUSTOMER');
    expect(ownershipShift('SHARED', 'CUSTOMER_CONFIGURED')).toBe('TOWARD_CUSTOMER');
    expect(ownershipShift('CUSTOMER', 'PROVIDER_VIA_UPSTREAM')).toBe('TOWARD_PROVIDER');
    expect(ownershipShift('PROVIDER_VIA_UPSTREAM', 'PROVIDER')).toBe('TOWARD_PROVIDER');
    expect(ownershipShift('SHARED', 'SHARED')).toBe('UNCHANGED');
  });

  it('does not rank NOT_APPLICABLE against the others', () => {
    expect(ownershipShift('NOT_APPLICABLE', 'CUSTOMER')).toBe('NOT_COMPARABLE');
    expect(ownershipShift('PROVIDER', 'NOT_APPLICABLE')).toBe('NOT_COMPARABLE');
  });

  it('maps onto CAIQ, FedRAMP CRM and OSCAL for every value', () => {
    expect(Object.keys(OWNERSHIP_CROSSWALK).sort()).toEqual([...OWNERSHIPS].sort());
    expect(OWNERSHIP_CROSSWALK.PROVIDER).toMatchObject({ caiq: 'CSP-owned', fedrampCanBeInherited: 'Yes', oscal: { provided: true, responsibility: 'NONE' } });
    expect(OWNERSHIP_CROSSWALK.PROVIDER_VIA_UPSTREAM).toMatchObject({ caiq: '3rd-party outsourced', fedrampCanBeInherited: 'Yes', oscal: { leveragedAuthorization: true } });
    expect(OWNERSHIP_CROSSWALK.SHARED).toMatchObject({ caiq: 'Shared CSP and CSC', fedrampCanBeInherited: 'Partial', oscal: { provided: true, responsibility: 'WITH_PROVIDED_UUID' } });
    expect(OWNERSHIP_CROSSWALK.CUSTOMER_CONFIGURED.oscal.customerConfigured).toBe(true);
    expect(OWNERSHIP_CROSSWALK.CUSTOMER).toMatchObject({ caiq: 'CSC-owned', fedrampCanBeInherited: 'No', oscal: { provided: false, responsibility: 'WITHOUT_PROVIDED_UUID' } });
    expect(OWNERSHIP_CROSSWALK.NOT_APPLICABLE).toMatchObject({ caiq: null, fedrampCanBeInherited: null, oscal: { implementationState: 'not-applicable' } });
  });
});
