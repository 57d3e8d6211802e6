import { isCertificationCurrent, isIsoDate } from '../../../src/domain/services/certification';
import { mergeCloudServiceChanges, SERVICE_LIMITS, validateCloudService, type CloudService, type NewCloudService } from '../../../src/domain/services/service';
import { badInputPaths } from '../../helpers/problems';

const valid: NewCloudService = {
  providerOrganizationId: 'org-acme',
  name: '  Acme Mail  ',
  description: ' Hosted e-mail for small teams. ',
  serviceModel: 'SAAS',
  deploymentModel: 'PUBLIC',
  regions: ['eu-west-1', ' EU-West-1 ', 'westeurope'],
  certifications: [{ kind: 'ISO_27017', issuer: ' BSI ', expiresOn: '2027-03-31' }],
  upstreamServiceIds: ['svc-iaas', 'svc-iaas ', 'svc-dns'],
};

describe('a cloud service', () => {
  it('is stored trimmed, with regions and upstreams listed once', () => {
    expect(validateCloudService(valid, 'svc-mail')).toEqual({
      providerOrganizationId: 'org-acme',
      name: 'Acme Mail',
      description: 'Hosted e-mail for small teams.',
      serviceModel: 'SAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1', 'westeurope'],
      certifications: [{ kind: 'ISO_27017', issuer: 'BSI', name: null, expiresOn: '2027-03-31' }],
      upstreamServiceIds: ['svc-iaas', 'svc-dns'],
      changeNoticeDays: 30,
    });
  });

  it('gives customers 30 days of change notice by default, and takes 0 to 365 days', () => {
    expect(validateCloudService({ ...valid, changeNoticeDays: 90 }).changeNoticeDays).toBe(90);
    expect(validateCloudService({ ...valid, changeNoticeDays: 0 }).changeNoticeDays).toBe(0);
    for (const days of [-1, 366, 1.5]) {
      expect(badInputPaths(() => validateCloudService({ ...valid, changeNoticeDays: days }))).toEqual(['changeNoticeDays']);
    }
    const current: CloudService = {
      id: 'svc-mail',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      ...validateCloudService({ ...valid, changeNoticeDays: 60 }),
    };
    expect(validateCloudService(mergeCloudServiceChanges(current, { name: 'Acme Mail Pro' })).changeNoticeDays).toBe(60);
    expect(validateCloudService(mergeCloudServiceChanges(current, { changeNoticeDays: null })).changeNoticeDays).toBe(30);
  });

  it('is rejected with every problem listed at once', () => {
    const paths = badInputPaths(() =>
      validateCloudService(
        {
          ...valid,
          name: '   ',
          description: 'x'.repeat(SERVICE_LIMITS.description + 1),
          regions: ['eu-west-1', 'Europe West!'],
          certifications: [
            { kind: 'SOC2_TYPE2', issuer: 'Schellman', expiresOn: '2026-02-30' },
            { kind: 'OTHER', issuer: 'TÜV', expiresOn: '2027-01-01' },
            { kind: 'SOC2_TYPE2', issuer: 'schellman', expiresOn: '2026-02-30' },
          ],
          upstreamServiceIds: ['svc-iaas', 'svc-mail'],
        },
        'svc-mail',
      ),
    );
    expect(paths).toEqual([
      'name',
      'description',
      'regions[1]',
      'certifications[0].expiresOn',
      'certifications[1].name',
      'certifications[2].expiresOn',
      'certifications[2]',
      'upstreamServiceIds[1]',
    ]);
  });

  it('cannot list itself as the service it is built on', () => {
    expect(() => validateCloudService({ ...valid, upstreamServiceIds: ['svc-mail'] }, 'svc-mail')).toThrow(/cannot be built on itself/);
  });

  it('accepts an OTHER certification once it is named', () => {
    const service = validateCloudService({ ...valid, certifications: [{ kind: 'OTHER', issuer: 'ANSSI', name: ' SecNumCloud ', expiresOn: '2028-12-31' }] });
    expect(service.certifications[0]).toEqual({ kind: 'OTHER', issuer: 'ANSSI', name: 'SecNumCloud', expiresOn: '2028-12-31' });
  });

  it('is updated field by field: what a change leaves out stays, null clears', () => {
    const current: CloudService = { id: 'svc-mail', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...validateCloudService(valid) };
    const merged = validateCloudService(mergeCloudServiceChanges(current, { name: 'Acme Mail Pro', description: null }), current.id);
    expect(merged).toMatchObject({
      name: 'Acme Mail Pro',
      description: null,
      regions: ['eu-west-1', 'westeurope'],
      upstreamServiceIds: ['svc-iaas', 'svc-dns'],
    });
  });
});

describe('a certification', () => {
  const cert = { expiresOn: '2026-06-30' };

  it('is current up to and including its expiry day, and not after', () => {
    expect(isCertificationCurrent(cert, '2026-06-29')).toBe(true);
    expect(isCertificationCurrent(cert, '2026-06-30')).toBe(true);
    expect(isCertificationCurrent(cert, '2026-07-01')).toBe(false);
    expect(isCertificationCurrent(cert, new Date('2026-06-30T23:59:59Z'))).toBe(true);
    expect(isCertificationCurrent(cert, new Date('2026-07-01T00:00:00Z'))).toBe(false);
  });

  it('expires on a real calendar date', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('31/12/2027')).toBe(false);
  });
});
