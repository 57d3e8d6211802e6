import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { ownershipFromCaiq, ownershipFromOscalRoles, OWNERSHIP_CROSSWALK } from '../../../src/domain/contracts/crosswalk';
import { OWNERSHIPS } from '../../../src/domain/contracts/ownership';
import { ccmControlIdOf, ccmMapping, CCM_V4_TO_ISO27017 } from '../../../src/domain/exports/ccmToIso27017';
import { oscalRoles } from '../../../src/domain/exports/oscalComponentDefinition';

// The CCM v4 → ISO/IEC 27017 table is data a reviewer checks by hand; these hold what a typo would break.

describe('the CCM v4 → ISO/IEC 27017 mapping table', () => {
  it('lists CCM v4.0’s 197 controls once each, domain by domain', () => {
    const ids = CCM_V4_TO_ISO27017.map(([ccm]) => ccm);
    expect(new Set(ids).size).toBe(197);
    const perDomain = Object.fromEntries([...new Set(ids.map((id) => id.split('-')[0]))].map((d) => [d, ids.filter((id) => id.startsWith(`${d}-`)).length]));
    expect(perDomain).toEqual({
      'A&A': 6,
      AIS: 7,
      BCR: 11,
      CCC: 9,
      CEK: 21,
      DCS: 15,
      DSP: 19,
      GRC: 8,
      HRS: 13,
      IAM: 16,
      IPY: 4,
      IVS: 9,
      LOG: 13,
      SEF: 8,
      STA: 14,
      TVM: 10,
      UEM: 14,
    });
    // Numbered without gaps within each domain.
    for (const [domain, count] of Object.entries(perDomain)) {
      expect(ids.filter((id) => id.startsWith(`${domain}-`))).toEqual(
        Array.from({ length: Number(count) }, (_, i) => `${domain}-${String(i + 1).padStart(2, '0')}`),
      );
    }
  });

  it('maps only onto controls of the catalogue, each mapped row with its basis and each unmapped row without', () => {
    const catalogue = new Catalogue();
    for (const [ccm, , control, basis] of CCM_V4_TO_ISO27017) {
      if (control === null) expect<unknown[]>([ccm, basis]).toEqual([ccm, null]);
      else expect<unknown[]>([ccm, catalogue.control(control)?.id, basis === 'title' || basis === 'judgement']).toEqual([ccm, control, true]);
    }
  });

  it('reads CAIQ question ids as their CCM control and refuses what is not shaped like one', () => {
    expect(ccmControlIdOf('IAM-02.1')).toBe('IAM-02');
    expect(ccmControlIdOf(' a&a-05 ')).toBe('A&A-05');
    expect(ccmControlIdOf('5.1.1')).toBeNull();
    expect(ccmMapping('IAM-02')).toMatchObject({ controlId: '9.4.3', basis: 'title' });
    expect(ccmMapping('DSP-19')).toMatchObject({ controlId: null });
    expect(ccmMapping('IAM-99')).toBeUndefined();
  });
});

describe('the crosswalk read backwards', () => {
  it('gives back, for every ownership, one whose CAIQ value and OSCAL roles are the same', () => {
    for (const ownership of OWNERSHIPS) {
      const caiq = OWNERSHIP_CROSSWALK[ownership].caiq;
      if (caiq) expect(OWNERSHIP_CROSSWALK[ownershipFromCaiq(caiq)!].caiq).toBe(caiq);
      const roles = oscalRoles(ownership);
      expect(oscalRoles(ownershipFromOscalRoles(roles.includes('provider'), roles.includes('customer')))).toEqual(roles);
    }
    expect(ownershipFromCaiq('shared csp & csc')).toBeNull();
    expect(ownershipFromCaiq(' csp owned ')).toBe('PROVIDER');
    expect(ownershipFromCaiq('Shared CSP and CSC')).toBe('SHARED');
  });
});
