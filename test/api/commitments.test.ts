import { graphql } from '../generated';
import type { CommitmentsInput } from '../generated/graphql';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf, firstError, found } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer, uniqueName } from '../helpers/world';

// SLA commitments as a provider and its customers see them: set in the draft beside the
// responsibilities, validated with the draft, published with the version, and read back in the
// version, the diff, a subscriber's change impact, its coverage and a procurement comparison.

const SetCommitments = graphql(`
  mutation CommitmentsSet($id: ID!, $rev: Int!, $c: CommitmentsInput!) {
    setCommitments(serviceId: $id, revision: $rev, commitments: $c) {
      revision
      problems {
        controlId
        code
        path
        message
      }
      commitments {
        stated
        availabilityStatement
        availability {
          targets {
            scope {
              region
              tier
            }
            targetPercent
          }
          controls {
            id
          }
        }
      }
    }
  }
`);
const Version = graphql(`
  query CommitmentsVersion($id: ID!) {
    cloudService(id: $id) {
      currentContract {
        version
        commitments {
          stated
          availabilityStatement
          availability {
            targets {
              scope {
                region
                tier
              }
              targetPercent
            }
            downtime {
              errorRatePercent
              consecutiveMinutes
            }
            exclusions {
              scheduledMaintenanceNoticeDays
              customerCaused
              forceMajeure
            }
            noCommitmentReason
          }
          serviceCredits {
            schedules {
              scope {
                tier
              }
              tiers {
                belowPercent
                creditPercent
              }
              claimWindowMonths
              capPercent
            }
            controls {
              id
            }
          }
          support {
            targets {
              severity
              firstResponse {
                value
                unit
                minutes
              }
              hours
            }
          }
          incidentNotification {
            within {
              value
              unit
            }
            personalDataWithin {
              value
              unit
            }
            controls {
              id
            }
          }
          recovery {
            rto {
              value
              unit
            }
            rpo {
              value
              unit
            }
            backupFrequency {
              value
              unit
            }
            backupRetention {
              value
              unit
            }
          }
          dataOnTermination {
            exportWindow {
              value
              unit
            }
            deletionDeadline {
              value
              unit
            }
            controls {
              id
            }
          }
          changeNotice {
            notice {
              value
              unit
            }
            controls {
              id
            }
          }
          terms(controlIds: ["16.1.2"]) {
            measure
            target
            unit
            comparison
            window
          }
        }
      }
    }
  }
`);
const PublishOn = graphql(`
  mutation CommitmentsPublish($id: ID!, $rev: Int!, $on: DateTime) {
    publishContractDraft(serviceId: $id, revision: $rev, changeNote: "SLA", effectiveFrom: $on) {
      version
      effectiveFrom
    }
  }
`);
const Diff = graphql(`
  query CommitmentsDiff($id: ID!) {
    contractDiff(serviceId: $id, fromVersion: 1, toVersion: 2) {
      summary {
        controls
      }
      commitmentChanges {
        measure
        effect
        from {
          target
          unit
        }
        to {
          target
          unit
        }
      }
    }
  }
`);
const Impact = graphql(`
  query CommitmentsImpact {
    subscriptions {
      changeImpact {
        toVersion
        changed
        commitmentsWeakened {
          kind
          measure
          from {
            label
            target
          }
          to {
            target
          }
        }
      }
      upcomingChange {
        toVersion
        commitmentsWeakened {
          measure
          from {
            target
          }
          to {
            target
          }
        }
      }
    }
  }
`);
const Coverage = graphql(`
  query CommitmentsCoverage {
    coverage {
      controls {
        control {
          id
        }
        commitments {
          service {
            name
          }
          contractVersion
          term {
            measure
            target
            unit
            comparison
            window
          }
        }
      }
    }
  }
`);
const Compare = graphql(`
  query CommitmentsCompare($ids: [ID!]!) {
    compareServices(serviceIds: $ids) {
      services {
        service {
          name
        }
        availabilityStatement
        sla {
          availabilityPercent
          availabilityScope
          maxServiceCreditPercent
          criticalFirstResponseMinutes
          incidentNotificationHours
          rtoHours
          rpoHours
        }
      }
    }
  }
`);

const sla: CommitmentsInput = {
  availability: {
    targets: [
      { scope: { tier: 'multi-zone' }, targetPercent: 99.99 },
      { scope: { tier: 'single-zone' }, targetPercent: 99.9 },
    ],
    downtime: { errorRatePercent: 5, consecutiveMinutes: 5 },
    exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: true },
  },
  serviceCredits: {
    schedules: [
      {
        scope: { tier: 'multi-zone' },
        tiers: [
          { belowPercent: 99.99, creditPercent: 10 },
          { belowPercent: 99, creditPercent: 25 },
          { belowPercent: 95, creditPercent: 100 },
        ],
        claimWindowMonths: 2,
        capPercent: 100,
      },
      {
        scope: { tier: 'single-zone' },
        tiers: [
          { belowPercent: 99.9, creditPercent: 10 },
          { belowPercent: 95, creditPercent: 30 },
        ],
        claimWindowMonths: 2,
        capPercent: 30,
      },
    ],
  },
  support: {
    targets: [
      { severity: 'SEV1', firstResponse: { value: 15, unit: 'MINUTES' } },
      { severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS' } },
    ],
  },
  incidentNotification: { within: { value: 24, unit: 'HOURS' }, personalDataWithin: { value: 72, unit: 'HOURS' } },
  recovery: {
    rto: { value: 4, unit: 'HOURS' },
    rpo: { value: 15, unit: 'MINUTES' },
    backupFrequency: { value: 1, unit: 'DAYS' },
    backupRetention: { value: 35, unit: 'DAYS' },
  },
  dataOnTermination: { exportWindow: { value: 30, unit: 'DAYS' }, deletionDeadline: { value: 60, unit: 'DAYS' } },
};

const Trail = graphql(`
  query CommitmentsTrail($id: ID!) {
    auditEvents(filter: { targetType: "CloudService", targetId: $id }, first: 10) {
      edges {
        node {
          kind
          summary
          details
        }
      }
    }
  }
`);

const daysAhead = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

describe('SLA commitments', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  /** A provider with an IaaS service (eu-west-1) and an open draft; `changeNoticeDays` on the service. */
  async function world(changeNoticeDays = 30) {
    const provider = await createOrganization(api, uniqueName('SLA Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const name = uniqueName('SLA VMs');
    const serviceId = await createService(api, admin, { name, serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'], changeNoticeDays });
    const draft = await startDraft(api, admin, serviceId);
    return { admin, serviceId, name, revision: draft.revision };
  }

  it('are set on the draft, published with the version and read back in full', async () => {
    const { admin, serviceId, revision } = await world();
    const saved = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: revision, c: sla }, admin)).setCommitments;
    expect(saved).toMatchObject({
      revision: revision + 1,
      problems: [],
      commitments: { stated: true, availabilityStatement: 'COMMITTED', availability: { controls: [{ id: '17.2.1' }] } },
    });
    // The same revision again: someone saved meanwhile.
    expect(firstError(await api.graphql(SetCommitments, { id: serviceId, rev: revision, c: sla }, admin)).extensions.code).toBe('CONFLICT');
    // Audited with the draft's other edits, each term with its old and new target.
    const trail = dataOf(await api.graphql(Trail, { id: serviceId }, admin)).auditEvents.edges.map((e) => e.node);
    const edit = found(trail, (e) => e.summary.startsWith('set the service-level commitments'), 'the commitments audit event');
    expect(edit.kind).toBe('CONTRACT_DRAFT_UPDATE');
    expect(edit.details).toMatchObject({
      revision: revision + 1,
      commitments: expect.arrayContaining([
        { key: 'incidentNotification/INCIDENT_NOTIFICATION', effect: 'STRENGTHENED', from: null, to: { target: 24, unit: 'HOURS' } },
      ]),
    });
    dataOf(await publish(api, admin, serviceId, saved.revision));
    const contract = dataOf(await api.graphql(Version, { id: serviceId }, admin)).cloudService!.currentContract!;
    expect(contract.commitments).toMatchObject({
      stated: true,
      availabilityStatement: 'COMMITTED',
      availability: {
        targets: [
          { scope: { region: null, tier: 'multi-zone' }, targetPercent: 99.99 },
          { scope: { region: null, tier: 'single-zone' }, targetPercent: 99.9 },
        ],
        exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: true },
        noCommitmentReason: null,
      },
      serviceCredits: {
        schedules: [
          { scope: { tier: 'multi-zone' }, claimWindowMonths: 2, capPercent: 100 },
          { scope: { tier: 'single-zone' }, capPercent: 30 },
        ],
        controls: [{ id: '15.1.2' }],
      },
      support: {
        targets: [
          { severity: 'SEV1', firstResponse: { value: 15, unit: 'MINUTES', minutes: 15 }, hours: 'ALWAYS' },
          { severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS', minutes: 60 } },
        ],
      },
      incidentNotification: { within: { value: 24, unit: 'HOURS' }, personalDataWithin: { value: 72, unit: 'HOURS' }, controls: [{ id: '16.1.2' }] },
      dataOnTermination: { exportWindow: { value: 30, unit: 'DAYS' }, controls: [{ id: 'CLD.8.1.5' }] },
      changeNotice: null,
      terms: [
        { measure: 'INCIDENT_NOTIFICATION', target: 24, unit: 'HOURS', comparison: 'AT_MOST', window: 'PER_INCIDENT' },
        { measure: 'PERSONAL_DATA_NOTIFICATION', target: 72, unit: 'HOURS', comparison: 'AT_MOST', window: 'PER_INCIDENT' },
      ],
    });
  });

  it('report every problem with a stable code and a path, and block the publish until fixed', async () => {
    const { admin, serviceId, revision } = await world();
    const bad: CommitmentsInput = {
      availability: {
        targets: [{ targetPercent: 99.9 }, { scope: { region: 'ap-south-7' }, targetPercent: 120 }],
        downtime: { errorRatePercent: 5, consecutiveMinutes: 5 },
        controlIds: ['17.2.1', '42.1.1'],
      },
      serviceCredits: {
        schedules: [
          {
            tiers: [
              { belowPercent: 99, creditPercent: 25 },
              { belowPercent: 99.95, creditPercent: 10 },
            ],
            claimWindowMonths: 2,
            capPercent: 100,
          },
        ],
      },
      changeNotice: { notice: { value: 30, unit: 'MINUTES' } },
    };
    const saved = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: revision, c: bad }, admin)).setCommitments;
    expect(saved.problems.map((p) => [p.code, p.path, p.controlId])).toEqual([
      ['COMMITMENT_UNKNOWN_CONTROL', 'commitments.availability.controlIds[1]', null],
      ['COMMITMENT_OUT_OF_RANGE', 'commitments.availability.targets[1].targetPercent', null],
      ['COMMITMENT_UNKNOWN_REGION', 'commitments.availability.targets[1].scope.region', null],
      ['COMMITMENT_CREDIT_ABOVE_TARGET', 'commitments.serviceCredits.schedules[0].tiers[1].belowPercent', null],
      ['COMMITMENT_TIERS_UNORDERED', 'commitments.serviceCredits.schedules[0].tiers[1]', null],
      ['COMMITMENT_UNIT_MISMATCH', 'commitments.changeNotice.notice', null],
    ]);
    const refused = firstError(await publish(api, admin, serviceId, saved.revision));
    expect(refused.extensions.code).toBe('VALIDATION_FAILED');
    expect(refused.extensions.problems!.map((p) => p.path)).toContain('commitments.serviceCredits.schedules[0].tiers[1]');
    // Stated commitments must say something about availability, if only that there is none.
    const silent = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: saved.revision, c: { availability: {} } }, admin)).setCommitments;
    expect(silent.problems.map((p) => p.code)).toEqual(['AVAILABILITY_NOT_STATED']);
    // A customer may not edit a provider's draft.
    const customer = await subscribedCustomer(api, []);
    expect(firstError(await api.graphql(SetCommitments, { id: serviceId, rev: silent.revision, c: sla }, customer.admin)).extensions.code).toBe('FORBIDDEN');
  });

  it('say explicitly when the contract commits to no availability, and "not stated" for contracts without commitments', async () => {
    const { admin, serviceId, revision, name } = await world();
    const none = dataOf(
      await api.graphql(
        SetCommitments,
        { id: serviceId, rev: revision, c: { availability: { noCommitmentReason: 'Preview: best effort, no uptime target.' } } },
        admin,
      ),
    ).setCommitments;
    expect(none).toMatchObject({ problems: [], commitments: { stated: true, availabilityStatement: 'NONE_COMMITTED' } });
    dataOf(await publish(api, admin, serviceId, none.revision));
    const legacy = await world();
    dataOf(await publish(api, legacy.admin, legacy.serviceId, legacy.revision));
    const legacyContract = dataOf(await api.graphql(Version, { id: legacy.serviceId }, legacy.admin)).cloudService!.currentContract!;
    expect(legacyContract.commitments).toMatchObject({ stated: false, availabilityStatement: 'NOT_STATED', availability: null, terms: [] });
    const full = await world();
    const saved = dataOf(await api.graphql(SetCommitments, { id: full.serviceId, rev: full.revision, c: sla }, full.admin)).setCommitments;
    dataOf(await publish(api, full.admin, full.serviceId, saved.revision));
    const { services } = dataOf(await api.graphql(Compare, { ids: [serviceId, legacy.serviceId, full.serviceId] }, admin)).compareServices;
    expect(services).toEqual([
      { service: { name }, availabilityStatement: 'NONE_COMMITTED', sla: null },
      { service: { name: legacy.name }, availabilityStatement: 'NOT_STATED', sla: null },
      {
        service: { name: full.name },
        availabilityStatement: 'COMMITTED',
        // No whole-service target: the lowest one, which a buyer can count on on every tier.
        sla: {
          availabilityPercent: 99.9,
          availabilityScope: 'the single-zone tier',
          maxServiceCreditPercent: 100,
          criticalFirstResponseMinutes: 15,
          incidentNotificationHours: 24,
          rtoHours: 4,
          rpoHours: 1,
        },
      },
    ]);
  });

  it('flag a weakened commitment in the diff and in the subscriber change impact, and need the change notice for it', async () => {
    const { admin, serviceId, revision } = await world(0);
    const v1 = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: revision, c: sla }, admin)).setCommitments;
    dataOf(await publish(api, admin, serviceId, v1.revision));
    const customer = await subscribedCustomer(api, [serviceId]);
    // Version 2 starts from version 1's commitments; the provider lowers the multi-zone target and stretches the notification window.
    const draft = await startDraft(api, admin, serviceId, 'LATEST_VERSION');
    const weaker: CommitmentsInput = {
      ...sla,
      availability: {
        ...sla.availability,
        targets: [
          { scope: { tier: 'multi-zone' }, targetPercent: 99.95 },
          { scope: { tier: 'single-zone' }, targetPercent: 99.9 },
        ],
      },
      serviceCredits: {
        schedules: [
          {
            ...sla.serviceCredits!.schedules[0]!,
            tiers: [
              { belowPercent: 99.95, creditPercent: 10 },
              { belowPercent: 99, creditPercent: 25 },
              { belowPercent: 95, creditPercent: 100 },
            ],
          },
          sla.serviceCredits!.schedules[1]!,
        ],
      },
      incidentNotification: { within: { value: 72, unit: 'HOURS' }, personalDataWithin: { value: 72, unit: 'HOURS' } },
    };
    const v2 = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: draft.revision, c: weaker }, admin)).setCommitments;
    expect(v2.problems).toEqual([]);
    // The service promises no notice (changeNoticeDays 0) and the contract states none: it takes effect at once.
    dataOf(await api.graphql(PublishOn, { id: serviceId, rev: v2.revision }, admin));
    const diff = dataOf(await api.graphql(Diff, { id: serviceId }, customer.admin)).contractDiff;
    expect(diff.summary.controls).toBe(0);
    // The first credit tier now starts below 99.95 % instead of 99.99 %: the same 10 %, owed later.
    expect(diff.commitmentChanges).toEqual([
      { measure: 'UPTIME', effect: 'WEAKENED', from: { target: 99.99, unit: 'PERCENT' }, to: { target: 99.95, unit: 'PERCENT' } },
      { measure: 'SERVICE_CREDIT', effect: 'WEAKENED', from: { target: 10, unit: 'PERCENT' }, to: { target: 10, unit: 'PERCENT' } },
      { measure: 'INCIDENT_NOTIFICATION', effect: 'WEAKENED', from: { target: 24, unit: 'HOURS' }, to: { target: 72, unit: 'HOURS' } },
    ]);
    const [subscription] = dataOf(await api.graphql(Impact, {}, customer.auditor)).subscriptions;
    expect(subscription!.changeImpact).toMatchObject({
      toVersion: 2,
      changed: true,
      commitmentsWeakened: [
        {
          kind: 'AVAILABILITY',
          measure: 'UPTIME',
          from: { label: 'Monthly uptime, the multi-zone tier: at least 99.99 %', target: 99.99 },
          to: { target: 99.95 },
        },
        {
          kind: 'SERVICE_CREDITS',
          measure: 'SERVICE_CREDIT',
          from: { label: 'Credit when uptime is below 99.99 % (the multi-zone tier): 10 % of the monthly fee', target: 10 },
          to: { target: 10 },
        },
        {
          kind: 'INCIDENT_NOTIFICATION',
          measure: 'INCIDENT_NOTIFICATION',
          from: { label: 'Security incidents notified: within 24 hours', target: 24 },
          to: { target: 72 },
        },
      ],
    });
  });

  it('replace the service setting with the contract change notice, which a weakened commitment needs as much as moved work', async () => {
    const { admin, serviceId, revision } = await world(0);
    const withNotice: CommitmentsInput = { ...sla, changeNotice: { notice: { value: 45, unit: 'DAYS' } } };
    const v1 = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: revision, c: withNotice }, admin)).setCommitments;
    dataOf(await publish(api, admin, serviceId, v1.revision));
    await subscribedCustomer(api, [serviceId]);
    const draft = await startDraft(api, admin, serviceId, 'LATEST_VERSION');
    // Shortening the notice in the same version does not shorten the notice this version gets.
    const weaker: CommitmentsInput = {
      ...withNotice,
      recovery: { ...sla.recovery, rto: { value: 8, unit: 'HOURS' } },
      changeNotice: { notice: { value: 5, unit: 'DAYS' } },
    };
    const v2 = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: draft.revision, c: weaker }, admin)).setCommitments;
    const refused = firstError(await api.graphql(PublishOn, { id: serviceId, rev: v2.revision, on: daysAhead(10) }, admin));
    expect(refused.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(
      /weakens service-level commitments .*Recovery time objective.*the change notice the current contract commits to of 45 days/,
    );
    expect(refused.extensions.problems!.map((p) => p.path)).toEqual(['effectiveFrom']);
    const scheduled = dataOf(await api.graphql(PublishOn, { id: serviceId, rev: v2.revision, on: daysAhead(46) }, admin)).publishContractDraft;
    expect(scheduled.version).toBe(2);
    const [subscription] = dataOf(await api.graphql(Impact, {}, (await subscribedCustomer(api, [serviceId])).auditor)).subscriptions;
    expect(subscription!.upcomingChange).toMatchObject({
      toVersion: 2,
      commitmentsWeakened: [
        { measure: 'RTO', from: { target: 4 }, to: { target: 8 } },
        { measure: 'CHANGE_NOTICE', from: { target: 45 }, to: { target: 5 } },
      ],
    });
  });

  it('show a subscriber the commitments behind a control it inherits', async () => {
    const { admin, serviceId, revision, name } = await world();
    const saved = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: revision, c: sla }, admin)).setCommitments;
    dataOf(await publish(api, admin, serviceId, saved.revision));
    const customer = await subscribedCustomer(api, [serviceId]);
    const { coverage } = dataOf(await api.graphql(Coverage, {}, customer.admin));
    const continuity = found(coverage.controls, (c) => c.control.id === '17.2.1', 'control 17.2.1');
    expect(continuity.commitments.filter((c) => c.term.measure === 'UPTIME')).toEqual([
      { service: { name }, contractVersion: 1, term: { measure: 'UPTIME', target: 99.99, unit: 'PERCENT', comparison: 'AT_LEAST', window: 'CALENDAR_MONTH' } },
      { service: { name }, contractVersion: 1, term: { measure: 'UPTIME', target: 99.9, unit: 'PERCENT', comparison: 'AT_LEAST', window: 'CALENDAR_MONTH' } },
    ]);
    const deletion = found(coverage.controls, (c) => c.control.id === 'CLD.8.1.5', 'control CLD.8.1.5');
    expect(deletion.commitments.map((c) => c.term.measure)).toEqual(['DATA_EXPORT_WINDOW', 'DATA_DELETION_DEADLINE']);
    expect(found(coverage.controls, (c) => c.control.id === '5.1.1').commitments).toEqual([]);
  });
});
