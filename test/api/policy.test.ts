import type { Identity } from '../../dev/tokens';
import { OPERATIONS, type Operation } from '../../src/app/policy';
import type { Role } from '../../src/domain/identity/caller';
import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer } from '../helpers/world';

// The authorization table (src/app/policy.ts) as a client meets it: every operation, performed as
// every role, on data of the caller's own organization and of another. The expected grid is written
// out here independently of the table, so a change to either shows up as a difference.

const ROLES: readonly Role[] = ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'AUDITOR', 'MONITOR', 'PLATFORM_ADMIN'];
type Grid = Readonly<Record<'own' | 'other', readonly Role[]>>;
const everyone: Grid = { own: ROLES, other: ROLES };

// Who is allowed, per operation: on data of the caller's own organization, and on another's.
// Customer mutations take no organization argument: a caller of another organization acts on its
// own (it has no subscription there), which is allowed and cannot reach the first organization.
const EXPECTED: Readonly<Record<Operation, Grid>> = {
  'catalogue.read': everyone,
  'organization.read': everyone,
  'service.read': everyone,
  'service.compare': everyone,
  'organization.create': { own: ['PLATFORM_ADMIN'], other: ['PLATFORM_ADMIN'] },
  'service.create': { own: ['PROVIDER_ADMIN'], other: [] },
  'service.update': { own: ['PROVIDER_ADMIN'], other: [] },
  'contract.draft.read': { own: ['PROVIDER_ADMIN', 'AUDITOR'], other: [] },
  'contract.draft.edit': { own: ['PROVIDER_ADMIN'], other: [] },
  'contract.publish': { own: ['PROVIDER_ADMIN'], other: [] },
  'service.subscribers.count': { own: ['PROVIDER_ADMIN', 'AUDITOR'], other: [] },
  'customer.read': { own: ['CUSTOMER_ADMIN', 'AUDITOR'], other: [] },
  'customer.subscribe': { own: ['CUSTOMER_ADMIN'], other: ['CUSTOMER_ADMIN'] },
  'customer.track': { own: ['CUSTOMER_ADMIN'], other: ['CUSTOMER_ADMIN'] },
  'audit.read': { own: ['AUDITOR', 'PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'PLATFORM_ADMIN'], other: ['PLATFORM_ADMIN'] },
  // The other organization neither provides nor subscribes to the service.
  'monitoring.report': { own: ['MONITOR'], other: [] },
  'monitoring.read': { own: ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'AUDITOR', 'MONITOR'], other: [] },
  'monitoring.credits': { own: ['CUSTOMER_ADMIN', 'AUDITOR', 'PLATFORM_ADMIN'], other: ['PLATFORM_ADMIN'] },
};

const ReportAvailability = graphql(`
  mutation PolicyReportAvailability($input: AvailabilityReportInput!) {
    reportAvailability(input: $input) {
      piecesStored
    }
  }
`);
const SlaReports = graphql(`
  query PolicySlaReports($id: ID!, $month: String!) {
    cloudService(id: $id) {
      slaReports(month: $month) {
        status
      }
    }
  }
`);
const SlaCredits = graphql(`
  query PolicySlaCredits($org: ID!, $month: String!) {
    slaCredits(month: $month, customerOrganizationId: $org) {
      creditPercent
    }
  }
`);
/** The last whole hour before now: an interval any monitor may report. */
const lastHour = () => {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  return { start: new Date(end - 3_600_000).toISOString(), end: new Date(end).toISOString() };
};

const Framework = graphql(`
  query PolicyFramework {
    framework {
      id
    }
  }
`);
const OrganizationProfile = graphql(`
  query PolicyOrganization($id: ID!) {
    organization(id: $id) {
      id
    }
  }
`);
const ServiceContract = graphql(`
  query PolicyService($id: ID!) {
    cloudService(id: $id) {
      currentContract {
        version
      }
    }
  }
`);
const Compare = graphql(`
  query PolicyCompare($ids: [ID!]!) {
    compareServices(serviceIds: $ids) {
      services {
        contractVersion
      }
    }
  }
`);
const NewOrganization = graphql(`
  mutation PolicyCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);
const NewService = graphql(`
  mutation PolicyCreateService($input: CreateCloudServiceInput!) {
    createCloudService(input: $input) {
      id
    }
  }
`);
const UpdateService = graphql(`
  mutation PolicyUpdateService($id: ID!, $input: UpdateCloudServiceInput!) {
    updateCloudService(id: $id, input: $input) {
      id
    }
  }
`);
const Draft = graphql(`
  query PolicyDraft($id: ID!) {
    cloudService(id: $id) {
      draft {
        revision
      }
    }
  }
`);
const EditDraft = graphql(`
  mutation PolicyEditDraft($id: ID!, $r: [ResponsibilityInput!]!) {
    setResponsibilities(serviceId: $id, revision: 999, responsibilities: $r) {
      revision
    }
  }
`);
const Publish = graphql(`
  mutation PolicyPublish($id: ID!) {
    publishContractDraft(serviceId: $id, revision: 999, changeNote: "Policy probe") {
      version
    }
  }
`);
const SubscriberCount = graphql(`
  query PolicySubscriberCount($id: ID!) {
    cloudService(id: $id) {
      subscriberCount
    }
  }
`);
const Obligations = graphql(`
  query PolicyObligations($org: ID!) {
    inheritedObligations(customerOrganizationId: $org) {
      counts {
        total
      }
    }
  }
`);
const Acknowledge = graphql(`
  mutation PolicyAcknowledge($id: ID!) {
    acknowledgeContractVersion(serviceId: $id) {
      acknowledgedVersion
    }
  }
`);
const Track = graphql(`
  mutation PolicyTrack($input: RecordObligationStatusInput!) {
    recordObligationStatus(input: $input) {
      status
    }
  }
`);
const Trail = graphql(`
  query PolicyTrail($org: ID!) {
    auditEvents(filter: { organizationId: $org }, first: 1) {
      edges {
        cursor
      }
    }
  }
`);

interface World {
  readonly api: TestApi;
  /** The organization whose data every probe targets. */
  readonly own: string;
  readonly other: string;
  readonly serviceId: string;
  readonly otherServiceId: string;
}

type Probe = (world: World, as: Identity) => Promise<{ json: { errors?: readonly { extensions?: { code?: string } }[] } }>;

// One request per operation, always aimed at the first organization's data (or, for customer
// mutations, at the caller's own). Allowed callers may still be refused for other reasons (a stale
// revision, an unknown obligation): only FORBIDDEN counts as a refusal here.
const PROBES: Readonly<Record<Operation, Probe>> = {
  'catalogue.read': ({ api }, as) => api.graphql(Framework, {}, as),
  'organization.read': ({ api, own }, as) => api.graphql(OrganizationProfile, { id: own }, as),
  'service.read': ({ api, serviceId }, as) => api.graphql(ServiceContract, { id: serviceId }, as),
  'service.compare': ({ api, serviceId, otherServiceId }, as) => api.graphql(Compare, { ids: [serviceId, otherServiceId] }, as),
  'organization.create': ({ api }, as) => api.graphql(NewOrganization, { input: { name: 'Probe Org', kinds: ['CUSTOMER'] } }, as),
  'service.create': ({ api, own }, as) =>
    api.graphql(NewService, { input: { providerOrganizationId: own, name: 'Probe Service', serviceModel: 'SAAS', deploymentModel: 'PUBLIC' } }, as),
  'service.update': ({ api, serviceId }, as) => api.graphql(UpdateService, { id: serviceId, input: { description: `probed by ${as.subject}` } }, as),
  'contract.draft.read': ({ api, serviceId }, as) => api.graphql(Draft, { id: serviceId }, as),
  'contract.draft.edit': ({ api, serviceId }, as) =>
    api.graphql(EditDraft, { id: serviceId, r: [{ controlId: '5.1.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Write policies.' }] }] }, as),
  'contract.publish': ({ api, serviceId }, as) => api.graphql(Publish, { id: serviceId }, as),
  'service.subscribers.count': ({ api, serviceId }, as) => api.graphql(SubscriberCount, { id: serviceId }, as),
  'customer.read': ({ api, own }, as) => api.graphql(Obligations, { org: own }, as),
  'customer.subscribe': ({ api, serviceId }, as) => api.graphql(Acknowledge, { id: serviceId }, as),
  'customer.track': ({ api, serviceId }, as) => api.graphql(Track, { input: { serviceId, obligationId: 'no-such-obligation', status: 'PLANNED' } }, as),
  'audit.read': ({ api, own }, as) => api.graphql(Trail, { org: own }, as),
  'monitoring.report': ({ api, serviceId }, as) =>
    api.graphql(ReportAvailability, { input: { serviceId, intervals: [{ ...lastHour(), errorRatePercent: 0 }] } }, as),
  'monitoring.read': ({ api, serviceId }, as) => api.graphql(SlaReports, { id: serviceId, month: new Date().toISOString().slice(0, 7) }, as),
  'monitoring.credits': ({ api, own }, as) => api.graphql(SlaCredits, { org: own, month: new Date().toISOString().slice(0, 7) }, as),
};

describe('who may do what (src/app/policy.ts), operation × role × organization', () => {
  let world: World;

  beforeAll(async () => {
    const api = await createTestApi();
    const own = await createOrganization(api, 'Own Cloud', ['PROVIDER', 'CUSTOMER']);
    const other = await createOrganization(api, 'Other Cloud', ['PROVIDER', 'CUSTOMER']);
    const publishFromTemplate = async (organizationId: string, name: string) => {
      const admin = providerAdmin(organizationId);
      const serviceId = await createService(api, admin, { name, serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
      const draft = await startDraft(api, admin, serviceId);
      dataOf(await publish(api, admin, serviceId, draft.revision));
      return serviceId;
    };
    const serviceId = await publishFromTemplate(own, 'Own Compute');
    const otherServiceId = await publishFromTemplate(other, 'Other Compute');
    await startDraft(api, providerAdmin(own), serviceId, 'LATEST_VERSION');
    await subscribedCustomer(api, [serviceId]); // someone else's subscription, never reachable by the probes
    // The first organization subscribes to its own service, so customer operations have data.
    const ownCustomer: Identity = { subject: 'buyer@own', organizationId: own, roles: ['CUSTOMER_ADMIN'] };
    const Subscribe = graphql(`
      mutation PolicySubscribe($input: SubscribeInput!) {
        subscribe(input: $input) {
          id
        }
      }
    `);
    dataOf(await api.graphql(Subscribe, { input: { serviceId, regions: ['eu-west-1'], startDate: '2026-01-01' } }, ownCustomer));
    world = { api, own, other, serviceId, otherServiceId };
  }, 60_000);

  it('covers every operation of the table', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...OPERATIONS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...OPERATIONS].sort());
  });

  it.each(OPERATIONS)('%s: allowed exactly for the expected roles, own organization and other', async (operation) => {
    const outcome: Record<'own' | 'other', Role[]> = { own: [], other: [] };
    for (const scope of ['own', 'other'] as const) {
      for (const role of ROLES) {
        const organizationId = scope === 'own' ? world.own : world.other;
        const result = await PROBES[operation](world, { subject: `${role.toLowerCase()}@${scope}`, organizationId, roles: [role] });
        const codes = (result.json.errors ?? []).map((e) => e.extensions?.code);
        // A probe that broke for another reason would hide a refusal: only business outcomes are accepted.
        expect(codes.filter((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'UNAUTHENTICATED' || c === 'GRAPHQL_VALIDATION_FAILED')).toEqual([]);
        if (!codes.includes('FORBIDDEN')) outcome[scope].push(role);
      }
    }
    const sorted = (roles: readonly Role[]) => [...roles].sort();
    expect({ own: sorted(outcome.own), other: sorted(outcome.other) }).toEqual({
      own: sorted(EXPECTED[operation].own),
      other: sorted(EXPECTED[operation].other),
    });
  });
});
