import {
  decideEffectiveFrom,
  nextVersionToTakeEffect,
  scheduleAfterPublish,
  versionInEffect,
  versionStatus,
  workMovedTowardCustomers,
  type EffectiveDateRequest,
  type VersionTimeline,
} from '../../../src/domain/contracts/version';
import { badInputProblems } from '../../helpers/problems';
import { edit, template } from '../obligations/fixtures';

// When a published version takes effect, and what a provider must give customers before it does.

const now = new Date('2026-12-01T09:00:00.000Z');
const days = (n: number) => new Date(now.getTime() + n * 24 * 60 * 60 * 1000);
const v1 = template('SAAS', 'v1');
// Registering users moves wholly to the customer, with a new obligation: work moves toward customers.
const heavier = edit(v1, [{ controlId: '9.2.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Register and remove your own users.' }] }]);
// Only the provider's statement changes: nothing moves.
const reworded = edit(v1, [{ controlId: '11.1.1', ownership: 'PROVIDER', providerStatement: 'Badge-controlled perimeter.' }]);

describe('which version is in effect', () => {
  const timeline: VersionTimeline = {
    currentVersion: 4,
    scheduledVersions: [
      { version: 3, effectiveFrom: days(10).toISOString() },
      { version: 4, effectiveFrom: days(40).toISOString() },
    ],
  };

  it('is the version before the scheduled ones until the first date comes, then each in turn, without any write', () => {
    expect(versionInEffect(timeline, now)).toBe(2);
    expect(versionInEffect(timeline, days(10))).toBe(3);
    expect(versionInEffect(timeline, days(39))).toBe(3);
    expect(versionInEffect(timeline, days(41))).toBe(4);
    expect(versionInEffect({ currentVersion: 2, scheduledVersions: [] }, now)).toBe(2);
    expect(versionInEffect({ currentVersion: null, scheduledVersions: [] }, now)).toBeNull();
    // A first version scheduled later: nothing is in effect yet.
    expect(versionInEffect({ currentVersion: 1, scheduledVersions: [{ version: 1, effectiveFrom: days(5).toISOString() }] }, now)).toBeNull();
  });

  it('names the next version to take effect with its date, and the status of each version now', () => {
    expect(nextVersionToTakeEffect(timeline, now)).toEqual({ version: 3, effectiveFrom: days(10).toISOString() });
    expect(nextVersionToTakeEffect(timeline, days(20))).toEqual({ version: 4, effectiveFrom: days(40).toISOString() });
    expect(nextVersionToTakeEffect(timeline, days(40))).toBeNull();
    expect([1, 2, 3, 4].map((v) => versionStatus(v, timeline, now))).toEqual(['SUPERSEDED', 'CURRENT', 'UPCOMING', 'UPCOMING']);
    expect([1, 2, 3, 4].map((v) => versionStatus(v, timeline, days(41)))).toEqual(['SUPERSEDED', 'SUPERSEDED', 'SUPERSEDED', 'CURRENT']);
  });

  it('skips a version superseded before it took effect: the later of two versions dated the same instant comes next', () => {
    const same = {
      currentVersion: 3,
      scheduledVersions: [
        { version: 2, effectiveFrom: days(30).toISOString() },
        { version: 3, effectiveFrom: days(30).toISOString() },
      ],
    };
    expect(nextVersionToTakeEffect(same, now)).toEqual({ version: 3, effectiveFrom: days(30).toISOString() });
    expect(versionInEffect(same, days(30))).toBe(3);
  });

  it('keeps only the versions still to come once another is published', () => {
    expect(scheduleAfterPublish(timeline, { version: 5, effectiveFrom: days(60).toISOString() }, days(20))).toEqual([
      { version: 4, effectiveFrom: days(40).toISOString() },
      { version: 5, effectiveFrom: days(60).toISOString() },
    ]);
    expect(scheduleAfterPublish(timeline, { version: 5, effectiveFrom: days(50).toISOString() }, days(50))).toEqual([]);
  });
});

describe('the effective date of a new version', () => {
  const request = (over: Partial<EffectiveDateRequest>): EffectiveDateRequest => ({
    requested: null,
    now,
    changeNoticeDays: 30,
    timeline: { currentVersion: 1, scheduledVersions: [] },
    moved: workMovedTowardCustomers(v1, reworded),
    ...over,
  });

  it('is now by default, or the date asked for; a date a few seconds past (clock skew) is now', () => {
    expect(decideEffectiveFrom(request({}))).toBe(now.toISOString());
    expect(decideEffectiveFrom(request({ requested: days(3) }))).toBe(days(3).toISOString());
    expect(decideEffectiveFrom(request({ requested: new Date(now.getTime() - 30_000) }))).toBe(now.toISOString());
  });

  it('needs the service change notice when the version moves work toward customers, saying from when and why', () => {
    const moved = workMovedTowardCustomers(v1, heavier);
    expect(moved).toEqual({ movedControls: ['9.2.1'], obligationsAdded: [{ controlId: '9.2.1', count: 1 }] });
    const refused = badInputProblems(() => decideEffectiveFrom(request({ moved, requested: days(29) })));
    expect(refused).toEqual([
      { path: 'effectiveFrom', message: `must be on or after ${days(30).toISOString()} (30 days' notice): the version moves work toward customers` },
    ]);
    expect(badInputProblems(() => decideEffectiveFrom(request({ moved })))).toHaveLength(1);
    expect(decideEffectiveFrom(request({ moved, requested: days(30) }))).toBe(days(30).toISOString());
    // A service with no notice period, and a first version (nobody to notify), take effect at once.
    expect(decideEffectiveFrom(request({ moved, changeNoticeDays: 0 }))).toBe(now.toISOString());
    expect(decideEffectiveFrom(request({ moved: null, timeline: { currentVersion: null, scheduledVersions: [] } }))).toBe(now.toISOString());
  });

  it('the refusal tells the provider what to fix', () => {
    try {
      decideEffectiveFrom(request({ moved: workMovedTowardCustomers(v1, heavier) }));
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as Error).message).toBe(
        `This version moves 9.2.1 toward the customer and adds customer obligations on 9.2.1, so customers get the service's change notice of 30 days: pass effectiveFrom on or after ${days(30).toISOString()} (without it, a version takes effect as soon as it is published).`,
      );
    }
  });

  it('refuses a date in the past, too far ahead, or before a version published earlier takes effect', () => {
    expect(badInputProblems(() => decideEffectiveFrom(request({ requested: days(-1) })))).toEqual([
      { path: 'effectiveFrom', message: 'must not be in the past' },
    ]);
    expect(badInputProblems(() => decideEffectiveFrom(request({ requested: days(731) })))).toEqual([
      { path: 'effectiveFrom', message: 'must be at most 730 days ahead' },
    ]);
    const pending = { currentVersion: 2, scheduledVersions: [{ version: 2, effectiveFrom: days(30).toISOString() }] };
    expect(badInputProblems(() => decideEffectiveFrom(request({ timeline: pending })))).toEqual([
      { path: 'effectiveFrom', message: `must be on or after ${days(30).toISOString()}, when version 2 takes effect` },
    ]);
    expect(decideEffectiveFrom(request({ timeline: pending, requested: days(30) }))).toBe(days(30).toISOString());
  });
});
