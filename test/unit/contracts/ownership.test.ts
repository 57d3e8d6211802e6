import { OWNERSHIP_CROSSWALK } from '../../../src/domain/contracts/crosswalk';
import { carriedUpstream, customerActs, customerConfigures, OWNERSHIPS, ownershipShift, providerSupplies } from '../../../src/domain/contracts/ownership';

describe('ownership', () => {
  it('moves toward the customer along PROVIDER = PROVIDER_VIA_UPSTREAM < SHARED < CUSTOMER_CONFIGURED < CUSTOMER', () => {
    expect(ownershipShift('PROVIDER', 'SHARED')).toBe('TOWARD_CUSTOMER');
    expect(ownershipShift('PROVIDER_VIA_UPSTREAM', 'SHARED')).toBe('TOWARD_CUSTOMER');
    expect(ownershipShift('SHARED', 'CUSTOMER_CONFIGURED')).toBe('TOWARD_CUSTOMER');
    expect(ownershipShift('CUSTOMER', 'PROVIDER_VIA_UPSTREAM')).toBe('TOWARD_PROVIDER');
  });

  it('calls a move between PROVIDER and PROVIDER_VIA_UPSTREAM a change of performer: the customer does no more or less', () => {
    expect(ownershipShift('PROVIDER', 'PROVIDER_VIA_UPSTREAM')).toBe('OUTSOURCED');
    expect(ownershipShift('PROVIDER_VIA_UPSTREAM', 'PROVIDER')).toBe('INSOURCED');
    expect(ownershipShift('SHARED', 'SHARED')).toBe('UNCHANGED');
  });

  it('does not rank NOT_APPLICABLE against the others', () => {
    expect(ownershipShift('NOT_APPLICABLE', 'CUSTOMER')).toBe('NOT_COMPARABLE');
    expect(ownershipShift('PROVIDER', 'NOT_APPLICABLE')).toBe('NOT_COMPARABLE');
  });

  it('maps onto CAIQ, FedRAMP CRM and OSCAL for every value', () => {
    expect(Object.keys(OWNERSHIP_CROSSWALK).sort()).toEqual([...OWNERSHIPS].sort());
    expect(OWNERSHIP_CROSSWALK.PROVIDER).toMatchObject({ caiq: 'CSP-owned', fedrampCanBeInherited: 'Yes', oscal: { provided: true, responsibility: 'NONE' } });
    expect(OWNERSHIP_CROSSWALK.PROVIDER_VIA_UPSTREAM).toMatchObject({
      caiq: '3rd-party outsourced',
      fedrampCanBeInherited: 'Yes',
      oscal: { leveragedAuthorization: true },
    });
    expect(OWNERSHIP_CROSSWALK.SHARED).toMatchObject({
      caiq: 'Shared CSP and CSC',
      fedrampCanBeInherited: 'Partial',
      oscal: { provided: true, responsibility: 'WITH_PROVIDED_UUID' },
    });
    expect(OWNERSHIP_CROSSWALK.CUSTOMER_CONFIGURED.oscal.customerConfigured).toBe(true);
    expect(OWNERSHIP_CROSSWALK.CUSTOMER).toMatchObject({
      caiq: 'CSC-owned',
      fedrampCanBeInherited: 'No',
      oscal: { provided: false, responsibility: 'WITHOUT_PROVIDED_UUID' },
    });
    expect(OWNERSHIP_CROSSWALK.NOT_APPLICABLE).toMatchObject({ caiq: null, fedrampCanBeInherited: null, oscal: { implementationState: 'not-applicable' } });
  });

  // Validation, coverage, performers and change impact read these traits; the exports read the
  // crosswalk. If the two disagreed, a line Onus validates as "provider supplies nothing" would be
  // exported to OSCAL with a provided item, or the other way round.
  it('states once, consistently with the crosswalk, what each ownership asks of whom', () => {
    const traits = OWNERSHIPS.map((o) => ({
      o,
      supplies: providerSupplies(o),
      acts: customerActs(o),
      configures: customerConfigures(o),
      upstream: carriedUpstream(o),
    }));
    for (const { o, supplies, configures, upstream } of traits) {
      expect({ o, provided: supplies, configured: configures, leveraged: upstream }).toEqual({
        o,
        provided: OWNERSHIP_CROSSWALK[o].oscal.provided,
        configured: OWNERSHIP_CROSSWALK[o].oscal.customerConfigured,
        leveraged: OWNERSHIP_CROSSWALK[o].oscal.leveragedAuthorization,
      });
    }
    // The customer acts exactly where the crosswalk gives its obligations an OSCAL responsibility.
    expect(traits.filter((t) => t.acts).map((t) => t.o)).toEqual(OWNERSHIPS.filter((o) => OWNERSHIP_CROSSWALK[o].oscal.responsibility !== 'NONE'));
    expect(traits.filter((t) => t.acts).map((t) => t.o)).toEqual(['SHARED', 'CUSTOMER_CONFIGURED', 'CUSTOMER']);
  });
});
