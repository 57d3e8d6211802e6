import type { IncidentContent } from '../../../src/domain/monitoring/items';
import { reviewIncidents } from '../../../src/domain/monitoring/incidents';

const incident = (fields: Partial<IncidentContent>): IncidentContent => ({
  kind: 'INCIDENT',
  severity: 'SEV1',
  title: 'Outage',
  detectedAt: '2026-10-05T10:00:00.000Z',
  customerNotifiedAt: null,
  firstResponseAt: null,
  resolvedAt: null,
  securityRelevant: false,
  personalData: false,
  ...fields,
});
const commitments = {
  support: [{ severity: 'SEV1' as const, firstResponse: { value: 15, unit: 'MINUTES' as const }, hours: 'ALWAYS' as const }],
  notification: { within: { value: 24, unit: 'HOURS' as const }, personalDataWithin: { value: 72, unit: 'HOURS' as const } },
};
const now = new Date('2026-11-16T12:00:00Z');

describe('incidents against support and notification targets', () => {
  it('on time is not listed; late is listed with how late; missing is late by the time since the deadline', () => {
    const review = reviewIncidents(
      new Map([
        ['on-time', incident({ firstResponseAt: '2026-10-05T10:15:00.000Z' })],
        ['late', incident({ firstResponseAt: '2026-10-05T10:16:00.000Z' })],
        ['never', incident({ detectedAt: '2026-11-16T11:00:00.000Z' })],
      ]),
      commitments,
      now,
    );
    expect(review.late.map((l) => [l.id, l.target, l.lateMinutes, l.doneAt])).toEqual([
      ['late', 'FIRST_RESPONSE', 1, '2026-10-05T10:16:00.000Z'],
      ['never', 'FIRST_RESPONSE', 45, null],
    ]);
  });

  it('holds only security incidents to the notification window, personal data to its own', () => {
    const told = (hours: number) => new Date(Date.parse('2026-10-05T10:00:00Z') + hours * 3_600_000).toISOString();
    const review = reviewIncidents(
      new Map([
        ['ops', incident({ severity: 'SEV3', customerNotifiedAt: told(100) })],
        ['sec', incident({ severity: 'SEV3', securityRelevant: true, customerNotifiedAt: told(25) })],
        ['pii', incident({ severity: 'SEV3', securityRelevant: true, personalData: true, customerNotifiedAt: told(71) })],
      ]),
      commitments,
      now,
    );
    expect(review).toMatchObject({ count: 3, securityRelevant: 2, checked: 2 });
    expect(review.late.map((l) => [l.id, l.target, l.targetMinutes, l.lateMinutes])).toEqual([['sec', 'CUSTOMER_NOTIFICATION', 1440, 60]]);
  });
});
