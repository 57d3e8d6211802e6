import { changeImpact, upcomingChangeImpact } from '../../../src/domain/obligations/changeImpact';
import { edit, line, template, version } from './fixtures';

const v1 = version('svc-mail', 1, template('SAAS', 'v1'));
// Version 2: user registration moves wholly to the customer, with a new obligation replacing the shared one.
const v2 = version(
  'svc-mail',
  2,
  edit(v1.responsibilities, [
    {
      controlId: '9.2.1',
      ownership: 'CUSTOMER',
      providerStatement: 'Mail offers no directory: bring your own.',
      customerObligations: [{ text: 'Register and remove your own users.' }],
    },
    // Noise a customer does not need in its impact view: a reworded provider statement and new evidence.
    {
      controlId: '11.1.1',
      ownership: 'PROVIDER',
      providerStatement: 'Badge-controlled perimeter.',
      evidence: [{ kind: 'CERTIFICATE', title: 'ISO 27001', url: 'https://trust.example.com/iso' }],
    },
  ]),
);
const subscription = { id: 'sub-1', serviceId: 'svc-mail', acknowledgedVersion: 1 };

describe('what a new version means for a subscriber', () => {
  it('lists exactly the added obligation, the removed one and the move toward the customer', () => {
    const impact = changeImpact(subscription, v2, v1);
    expect(impact).toEqual({
      subscriptionId: 'sub-1',
      serviceId: 'svc-mail',
      fromVersion: 1,
      toVersion: 2,
      effectiveFrom: v2.effectiveFrom,
      hasBaseline: true,
      changed: true,
      obligationsAdded: [{ controlId: '9.2.1', obligation: { id: 'edit-1', text: 'Register and remove your own users.', unlocksProvided: false } }],
      obligationsRemoved: [{ controlId: '9.2.1', obligation: line(v1.responsibilities, '9.2.1').customerObligations[0] }],
      obligationsChanged: [],
      movedTowardCustomer: [{ controlId: '9.2.1', from: 'SHARED', to: 'CUSTOMER' }],
      movedTowardProvider: [],
      performerChanges: [],
      scopeChanges: [],
      providerStatusChanges: [],
      commitmentChanges: [],
    });
  });

  it('reports a subprocessor taking over a control as a change of performer, never as more work for the customer', () => {
    const v3 = version(
      'svc-mail',
      3,
      edit(v1.responsibilities, [
        { controlId: '11.1.1', ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'svc-iaas', providerStatement: 'Our IaaS runs the data centres.' },
      ]),
    );
    const impact = changeImpact(subscription, v3, v1);
    expect(impact).toMatchObject({
      changed: true,
      movedTowardCustomer: [],
      movedTowardProvider: [],
      performerChanges: [{ controlId: '11.1.1', from: 'PROVIDER', to: 'PROVIDER_VIA_UPSTREAM' }],
    });
    const back = changeImpact({ ...subscription, acknowledgedVersion: 3 }, version('svc-mail', 4, v1.responsibilities), v3);
    expect(back.performerChanges).toEqual([{ controlId: '11.1.1', from: 'PROVIDER_VIA_UPSTREAM', to: 'PROVIDER' }]);
  });

  it("reports a provider's implementation slipping on a control the customer relies on", () => {
    const v3 = version('svc-mail', 3, edit(v1.responsibilities, [{ controlId: '11.1.1', ownership: 'PROVIDER', status: 'PLANNED' }]));
    expect(changeImpact(subscription, v3, v1)).toMatchObject({
      changed: true,
      providerStatusChanges: [{ controlId: '11.1.1', from: 'IMPLEMENTED', to: 'PLANNED' }],
      obligationsAdded: [],
    });
  });

  it('has nothing to report when the customer already acknowledged the version it inherits', () => {
    expect(changeImpact({ ...subscription, acknowledgedVersion: 2 }, v2, v2)).toMatchObject({
      hasBaseline: true,
      changed: false,
      obligationsAdded: [],
      movedTowardCustomer: [],
    });
  });

  it('flags a legacy subscription with no acknowledged version instead of guessing a baseline', () => {
    expect(changeImpact({ ...subscription, acknowledgedVersion: null }, v2, null)).toMatchObject({
      fromVersion: null,
      hasBaseline: false,
      changed: false,
      obligationsAdded: [],
    });
  });

  it('refuses versions that do not belong to the subscription', () => {
    expect(() => changeImpact(subscription, v2, v2)).toThrow(/acknowledged version 2 given, subscription has 1/);
    expect(() => changeImpact(subscription, { ...v2, serviceId: 'svc-other' }, v1)).toThrow(/another service/);
  });
});

describe('the change a scheduled version will bring', () => {
  it('goes from the version in effect to the upcoming one, dated when it takes effect', () => {
    const upcoming = { ...v2, effectiveFrom: '2027-01-01T00:00:00.000Z' };
    const impact = upcomingChangeImpact({ id: 'sub-1', serviceId: 'svc-mail' }, v1, upcoming);
    expect(impact).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      effectiveFrom: '2027-01-01T00:00:00.000Z',
      hasBaseline: true,
      changed: true,
      movedTowardCustomer: [{ controlId: '9.2.1', from: 'SHARED', to: 'CUSTOMER' }],
    });
    expect(() => upcomingChangeImpact({ id: 'sub-1', serviceId: 'svc-mail' }, v2, v1)).toThrow(/does not come after/);
  });
});
