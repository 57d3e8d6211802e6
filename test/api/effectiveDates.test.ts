import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { captureLogs, requestLines } from '../helpers/logs';
import { dataOf, firstError, partialDataOf, problemPaths } from '../helpers/results';
import {
  createOrganization,
  createService,
  providerAdmin,
  publish,
  setResponsibilities,
  startDraft,
  subscribedCustomer,
  uniqueName,
  type Customer,
} from '../helpers/world';

// Versions that take effect with notice, as clients see them: a provider schedules a version that
// adds work, subscribers see it coming, the provider sees how many subscribe. (The handler's clock
// cannot move here; test/app/effectiveDates.test.ts lets the date pass.)

const PublishOn = graphql(`
  mutation EffectivePublish($id: ID!, $rev: Int!, $note: String!, $on: DateTime) {
    publishContractDraft(serviceId: $id, revision: $rev, changeNote: $note, effectiveFrom: $on) {
      version
      status
      effectiveFrom
      publishedAt
    }
  }
`);
const Service = graphql(`
  query EffectiveService($id: ID!) {
    cloudService(id: $id) {
      changeNoticeDays
      currentContract {
        version
        status
      }
      upcomingContract {
        version
        status
        effectiveFrom
      }
      contractVersions {
        version
        status
        effectiveFrom
      }
    }
  }
`);
const Subscriptions = graphql(`
  query EffectiveSubscriptions {
    subscriptions {
      effectiveVersion
      changeImpact {
        toVersion
        changed
      }
      upcomingChange {
        fromVersion
        toVersion
        effectiveFrom
        changed
        obligationsAdded {
          control {
            id
          }
          obligation {
            id
            text
          }
          tracking {
            status
          }
        }
        movedTowardCustomer {
          control {
            id
          }
        }
      }
    }
  }
`);
const Count = graphql(`
  query EffectiveSubscriberCount($id: ID!) {
    cloudService(id: $id) {
      name
      subscriberCount
    }
  }
`);
const SetNotice = graphql(`
  mutation EffectiveSetNotice($id: ID!, $days: Int) {
    updateCloudService(id: $id, input: { changeNoticeDays: $days }) {
      changeNoticeDays
    }
  }
`);
const Screen = graphql(`
  query EffectiveScreen {
    inheritedObligations {
      counts {
        total
      }
      clauses {
        controls {
          obligations {
            id
            contractVersion
            tracking {
              status
            }
          }
        }
      }
    }
    coverage {
      totals {
        count
      }
    }
    posture {
      overall {
        implementedShare
      }
    }
  }
`);
const Record = graphql(`
  mutation EffectiveRecord($input: RecordObligationStatusInput!) {
    recordObligationStatus(input: $input) {
      status
    }
  }
`);
const Unsubscribe = graphql(`
  mutation EffectiveUnsubscribe($id: ID!) {
    unsubscribe(serviceId: $id)
  }
`);
const Retired = graphql(`
  query EffectiveRetired {
    retiredObligations {
      id
      service {
        name
      }
      reason
      recordedText
      control {
        id
      }
      recordedInVersion
      effectiveVersion
      tracking {
        status
        owner
        updatedAt
      }
    }
  }
`);

const daysAhead = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

describe('versions that take effect with notice', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  /** A SaaS (notice: `days`, or the default) with version 1, one subscriber, and a draft of version 2 adding an obligation on 9.4.2. */
  async function world(days?: number) {
    const provider = await createOrganization(api, uniqueName('Notice Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const name = uniqueName('Notice Mail');
    const serviceId = await createService(api, admin, {
      name,
      serviceModel: 'SAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
      ...(days === undefined ? {} : { changeNoticeDays: days }),
    });
    dataOf(await publish(api, admin, serviceId, (await startDraft(api, admin, serviceId)).revision, 'First contract'));
    const customer: Customer = await subscribedCustomer(api, [serviceId]);
    const draft = await startDraft(api, admin, serviceId, 'LATEST_VERSION');
    const saved = dataOf(
      await setResponsibilities(api, admin, serviceId, draft.revision, [
        {
          controlId: '9.4.2',
          ownership: 'CUSTOMER',
          providerStatement: 'Sign-in is yours to configure.',
          customerObligations: [{ text: 'Require multi-factor sign-in for every administrator.' }],
        },
      ]),
    ).setResponsibilities;
    return { admin, serviceId, name, customer, revision: saved.revision };
  }

  it('refuses a version that adds work for subscribers inside the notice period, with a problem on effectiveFrom saying from when', async () => {
    const { admin, serviceId, revision } = await world();
    const refused = await api.graphql(PublishOn, { id: serviceId, rev: revision, note: 'MFA is yours now' }, admin);
    const error = firstError(refused);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(problemPaths(refused)).toEqual(['effectiveFrom']);
    expect(error.message).toMatch(
      /adds customer obligations on 9\.4\.2, so customers get the service's change notice of 30 days: pass effectiveFrom on or after 20\d\d-/,
    );
    const tooSoon = await api.graphql(PublishOn, { id: serviceId, rev: revision, note: 'MFA is yours now', on: daysAhead(20) }, admin);
    expect(problemPaths(tooSoon)).toEqual(['effectiveFrom']);
    const past = await api.graphql(PublishOn, { id: serviceId, rev: revision, note: 'MFA is yours now', on: daysAhead(-1) }, admin);
    expect(firstError(past).extensions.problems).toEqual([{ path: 'effectiveFrom', message: 'must not be in the past' }]);
    // Nothing was published: the contract in effect is still version 1, and nothing is coming.
    expect(dataOf(await api.graphql(Service, { id: serviceId }, admin)).cloudService).toMatchObject({
      changeNoticeDays: 30,
      currentContract: { version: 1 },
      upcomingContract: null,
    });
  });

  it('publishes it UPCOMING with notice: subscribers stay on version 1 and see the change coming, dated', async () => {
    const { admin, serviceId, customer, revision } = await world(45);
    const on = daysAhead(46);
    const published = dataOf(await api.graphql(PublishOn, { id: serviceId, rev: revision, note: 'MFA is yours now', on }, admin)).publishContractDraft;
    expect(published).toMatchObject({ version: 2, status: 'UPCOMING', effectiveFrom: on });
    expect(published.publishedAt < on).toBe(true);

    const { cloudService } = dataOf(await api.graphql(Service, { id: serviceId }, customer.auditor));
    expect(cloudService).toEqual({
      changeNoticeDays: 45,
      currentContract: { version: 1, status: 'CURRENT' },
      upcomingContract: { version: 2, status: 'UPCOMING', effectiveFrom: on },
      contractVersions: [
        { version: 2, status: 'UPCOMING', effectiveFrom: on },
        { version: 1, status: 'CURRENT', effectiveFrom: expect.any(String) },
      ],
    });
    const [subscription] = dataOf(await api.graphql(Subscriptions, {}, customer.auditor)).subscriptions;
    expect(subscription).toEqual({
      effectiveVersion: 1,
      changeImpact: { toVersion: 1, changed: false },
      upcomingChange: {
        fromVersion: 1,
        toVersion: 2,
        effectiveFrom: on,
        changed: true,
        obligationsAdded: [
          {
            control: { id: '9.4.2' },
            obligation: { id: expect.any(String), text: 'Require multi-factor sign-in for every administrator.' },
            tracking: { status: 'NOT_STARTED' },
          },
        ],
        movedTowardCustomer: [{ control: { id: '9.4.2' } }],
      },
    });
    // The customer prepares before the date: its plan shows on the coming obligation.
    const coming = subscription!.upcomingChange!.obligationsAdded[0]!.obligation.id;
    dataOf(await api.graphql(Record, { input: { serviceId, obligationId: coming, status: 'PLANNED', owner: 'Identity team' } }, customer.admin));
    const [prepared] = dataOf(await api.graphql(Subscriptions, {}, customer.auditor)).subscriptions;
    expect(prepared!.upcomingChange!.obligationsAdded[0]!.tracking).toEqual({ status: 'PLANNED' });
  });

  it('keeps the customer screens at three DynamoDB calls cold and two warm while a version is upcoming, all on the version in effect', async () => {
    const { admin, serviceId, customer, revision } = await world();
    dataOf(await api.graphql(PublishOn, { id: serviceId, rev: revision, note: 'MFA is yours now', on: daysAhead(31) }, admin));
    const observed = await createTestApi({ logLevel: 'INFO', tableName: api.config.tableName });
    const { result, lines } = await captureLogs(async () => {
      const first = await observed.graphql(Screen, {}, customer.auditor);
      await observed.graphql(Screen, {}, customer.auditor);
      return first;
    });
    const versions = new Set(
      dataOf(result).inheritedObligations.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations.map((o) => o.contractVersion))),
    );
    expect([...versions]).toEqual([1]);
    const [cold, warm] = requestLines(lines);
    expect(cold).toMatchObject({ operationName: 'EffectiveScreen', status: 200, dynamodbCalls: 3 });
    expect(warm).toMatchObject({ operationName: 'EffectiveScreen', status: 200, dynamodbCalls: 2 });
  });

  it('takes a version at once when the service promises no notice, and keeps the setting within 0 to 365 days', async () => {
    const { admin, serviceId, customer, revision } = await world();
    expect(dataOf(await api.graphql(SetNotice, { id: serviceId, days: 0 }, admin)).updateCloudService.changeNoticeDays).toBe(0);
    expect(dataOf(await api.graphql(PublishOn, { id: serviceId, rev: revision, note: 'MFA is yours now' }, admin)).publishContractDraft).toMatchObject({
      version: 2,
      status: 'CURRENT',
    });
    expect(dataOf(await api.graphql(Subscriptions, {}, customer.admin)).subscriptions[0]).toMatchObject({
      effectiveVersion: 2,
      upcomingChange: null,
      changeImpact: { toVersion: 2, changed: true },
    });
    const tooLong = await api.graphql(SetNotice, { id: serviceId, days: 366 }, admin);
    expect(firstError(tooLong).extensions.problems).toEqual([{ path: 'changeNoticeDays', message: 'must be a whole number of days from 0 to 365 (got 366)' }]);
    expect(dataOf(await api.graphql(SetNotice, { id: serviceId, days: null }, admin)).updateCloudService.changeNoticeDays).toBe(30);
  });

  it("tells the provider's admins and auditors how many organizations subscribe, and nobody else", async () => {
    const { admin, serviceId, name } = await world();
    await subscribedCustomer(api, [serviceId]);
    expect(dataOf(await api.graphql(Count, { id: serviceId }, admin)).cloudService).toEqual({ name, subscriberCount: 2 });
    const auditor = { ...admin, subject: 'auditor', roles: ['AUDITOR' as const] };
    expect(dataOf(await api.graphql(Count, { id: serviceId }, auditor)).cloudService.subscriberCount).toBe(2);
    const outsider = await subscribedCustomer(api, [serviceId]);
    const refused = await api.graphql(Count, { id: serviceId }, outsider.admin);
    expect(firstError(refused).extensions.code).toBe('FORBIDDEN');
    // The rest of the service stays readable; only the count is withheld.
    expect(partialDataOf(refused).cloudService).toEqual({ name, subscriberCount: null });
  });

  it('keeps what a customer recorded on an obligation it no longer inherits, as history', async () => {
    const { serviceId, name, customer } = await world();
    const Obligations = graphql(`
      query EffectiveObligations {
        inheritedObligations {
          clauses {
            controls {
              control {
                id
              }
              obligations {
                id
                text
              }
            }
          }
        }
      }
    `);
    const controls = dataOf(await api.graphql(Obligations, {}, customer.admin)).inheritedObligations.clauses.flatMap((c) => c.controls);
    const registration = controls.find((c) => c.control.id === '9.2.1')!.obligations[0]!;
    dataOf(await api.graphql(Record, { input: { serviceId, obligationId: registration.id, status: 'IMPLEMENTED', owner: 'Identity team' } }, customer.admin));
    expect(dataOf(await api.graphql(Retired, {}, customer.auditor)).retiredObligations).toEqual([]);
    dataOf(await api.graphql(Unsubscribe, { id: serviceId }, customer.admin));
    const [retired, ...more] = dataOf(await api.graphql(Retired, {}, customer.auditor)).retiredObligations;
    expect(more).toEqual([]);
    expect(retired).toEqual({
      id: registration.id,
      service: { name },
      reason: 'NOT_SUBSCRIBED',
      recordedText: registration.text,
      control: { id: '9.2.1' },
      recordedInVersion: 1,
      effectiveVersion: null,
      tracking: { status: 'IMPLEMENTED', owner: 'Identity team', updatedAt: expect.any(String) },
    });
  });
});
