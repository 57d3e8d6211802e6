import { retiredObligations } from '../../../src/domain/obligations/history';
import { edit, entry, line, record, template, version } from './fixtures';

// A customer's record on an obligation the provider dropped stays readable, as history.

const v1 = version('svc-mail', 1, template('SAAS', 'v1'));
const registration = line(v1.responsibilities, '9.2.1').customerObligations[0]!;
// Version 2 drops the registration obligation (user registration moves to the provider).
const v2 = version(
  'svc-mail',
  2,
  edit(v1.responsibilities, [
    { controlId: '9.2.1', ownership: 'PROVIDER', providerStatement: 'We register users from your HR feed.', customerObligations: [] },
  ]),
);
const kept = line(v1.responsibilities, '12.3.1').customerObligations[0]!;

describe('obligation history', () => {
  const records = [
    record('svc-mail', registration.id, 'IMPLEMENTED', registration.text, {
      recordedControlId: '9.2.1',
      recordedInVersion: 1,
      updatedAt: '2026-11-02T00:00:00.000Z',
    }),
    record('svc-mail', kept.id, 'PLANNED', kept.text),
    record('svc-old', 'obl-legacy', 'NOT_APPLICABLE', 'Rotate the old keys.', { updatedAt: '2026-10-01T00:00:00.000Z' }),
  ];

  it('lists a record whose obligation the effective version dropped, with what the customer recorded', () => {
    const retired = retiredObligations([entry('svc-mail', v2)], records, new Set(['svc-mail']));
    expect(retired[0]).toEqual({
      serviceId: 'svc-mail',
      obligationId: registration.id,
      reason: 'NOT_IN_EFFECTIVE_CONTRACT',
      effectiveVersion: 2,
      record: records[0],
    });
    expect(retired.map((r) => r.obligationId)).not.toContain(kept.id);
  });

  it('does not count a status recorded ahead on an obligation of the version coming next', () => {
    const v3 = version(
      'svc-mail',
      3,
      edit(v2.responsibilities, [{ controlId: '9.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Approve new accounts.' }] }], 'v3'),
    );
    const coming = line(v3.responsibilities, '9.2.1').customerObligations[0]!;
    const ahead = record('svc-mail', coming.id, 'PLANNED', coming.text);
    expect(retiredObligations([entry('svc-mail', v2)], [ahead], new Set(['svc-mail']))).toHaveLength(1);
    expect(retiredObligations([entry('svc-mail', v2)], [ahead], new Set(['svc-mail']), [v3])).toEqual([]);
  });

  it('keeps a service the customer left, and lists nothing while the obligation is still inherited', () => {
    const retired = retiredObligations([entry('svc-mail', v2)], records, new Set(['svc-mail']));
    expect(retired.map((r) => [r.serviceId, r.reason, r.effectiveVersion])).toEqual([
      ['svc-mail', 'NOT_IN_EFFECTIVE_CONTRACT', 2],
      ['svc-old', 'NOT_SUBSCRIBED', null],
    ]);
    expect(retiredObligations([entry('svc-mail', v1)], records.slice(0, 2), new Set(['svc-mail']))).toEqual([]);
  });
});
