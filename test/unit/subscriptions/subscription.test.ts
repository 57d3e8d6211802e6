import { effectiveVersion, validateNewSubscription, type NewSubscription, type SubscribableService } from '../../../src/domain/subscriptions/subscription';
import { badInputProblems } from '../../helpers/problems';

const service: SubscribableService = { id: 'svc-mail', regions: ['eu-west-1', 'westeurope'], currentVersion: 3, versionInEffect: 3 };
const valid: NewSubscription = {
  customerOrganizationId: ' org-buyer ',
  serviceId: 'svc-mail',
  regions: [' EU-West-1 ', 'eu-west-1', 'westeurope'],
  startDate: '2026-12-01',
};

describe('subscribing to a cloud service', () => {
  it('follows the latest version by default and takes it as the acknowledged baseline', () => {
    expect(validateNewSubscription(valid, service)).toEqual({
      customerOrganizationId: 'org-buyer',
      serviceId: 'svc-mail',
      pinnedVersion: null,
      regions: ['eu-west-1', 'westeurope'],
      startDate: '2026-12-01',
      acknowledgedVersion: 3,
    });
  });

  it('holds a pinned version, which is then what the customer acknowledged and inherits', () => {
    const pinned = validateNewSubscription({ ...valid, pinnedVersion: 2 }, service);
    expect(pinned).toMatchObject({ pinnedVersion: 2, acknowledgedVersion: 2 });
    expect(effectiveVersion(pinned, 4)).toBe(2);
    expect(effectiveVersion({ pinnedVersion: null }, 4)).toBe(4);
  });

  it('accepts no regions: the customer has not said where it uses the service', () => {
    expect(validateNewSubscription({ ...valid, regions: null }, service).regions).toEqual([]);
  });

  it('lists every problem at once: unknown region, impossible date, unpublished or invalid pinned version', () => {
    const problems = badInputProblems(() =>
      validateNewSubscription(
        { ...valid, customerOrganizationId: ' ', regions: ['us-east-1', 'westeurope'], startDate: '2026-02-30', pinnedVersion: 4 },
        service,
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['customerOrganizationId', 'pinnedVersion', 'regions[0]', 'startDate']);
    expect(problems[1]!.message).toMatch(/version 4 is not published; the latest is 3/);
    expect(problems[2]!.message).toMatch(/"us-east-1" is not a region of the service \(one of eu-west-1, westeurope\)/);
    expect(badInputProblems(() => validateNewSubscription({ ...valid, pinnedVersion: 0 }, service)).map((p) => p.path)).toEqual(['pinnedVersion']);
    expect(badInputProblems(() => validateNewSubscription({ ...valid, pinnedVersion: 1.5 }, service)).map((p) => p.path)).toEqual(['pinnedVersion']);
  });

  it('refuses a service with no published contract: there is nothing to inherit yet', () => {
    const problems = badInputProblems(() => validateNewSubscription(valid, { ...service, currentVersion: null, versionInEffect: null }));
    expect(problems).toEqual([{ path: 'serviceId', message: expect.stringMatching(/no published contract version/) }]);
  });

  it('follows the version in effect, not a later one published to take effect on a future date', () => {
    const scheduled = { ...service, currentVersion: 4, versionInEffect: 3 };
    expect(validateNewSubscription(valid, scheduled)).toMatchObject({ pinnedVersion: null, acknowledgedVersion: 3 });
    expect(effectiveVersion({ pinnedVersion: null }, scheduled.versionInEffect)).toBe(3);
  });

  it('refuses to pin a version before it takes effect, and a service whose first version is still to come', () => {
    const early = badInputProblems(() => validateNewSubscription({ ...valid, pinnedVersion: 4 }, { ...service, currentVersion: 4, versionInEffect: 3 }));
    expect(early).toEqual([
      { path: 'pinnedVersion', message: expect.stringMatching(/version 4 is published but not in effect yet; the version in effect is 3/) },
    ]);
    const first = badInputProblems(() => validateNewSubscription(valid, { ...service, currentVersion: 1, versionInEffect: null }));
    expect(first).toEqual([{ path: 'serviceId', message: expect.stringMatching(/first contract version is not in effect yet/) }]);
  });
});
