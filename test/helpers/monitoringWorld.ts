import type { Identity } from '../../dev/tokens';
import { graphql } from '../generated';
import type { CommitmentsInput } from '../generated/graphql';
import type { TestApi } from './api';
import { dataOf } from './results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer, uniqueName } from './world';

// What the monitoring tests meet: a provider's service whose published contract carries the SLA a test
// writes, one subscribing customer, and the monitors and admins of both.

const SetCommitments = graphql(`
  mutation MonitoredServiceSetCommitments($id: ID!, $rev: Int!, $c: CommitmentsInput!) {
    setCommitments(serviceId: $id, revision: $rev, commitments: $c) {
      revision
      problems {
        code
        path
      }
    }
  }
`);

export interface MonitoredWorld {
  readonly api: TestApi;
  readonly serviceId: string;
  readonly provider: string;
  readonly providerAdmin: Identity;
  readonly providerMonitor: Identity;
  readonly customer: string;
  readonly customerAdmin: Identity;
  readonly customerMonitor: Identity;
}

const monitorOf = (organizationId: string): Identity => ({ subject: `monitor@${organizationId}`, organizationId, roles: ['MONITOR'] });

/**
 * An IaaS service publishing `commitments`, and a customer subscribing to it. `beforeSubscribing` runs
 * between the two (a test that moves its clock, so the version is in effect when the customer arrives).
 */
export async function monitoredService(
  api: TestApi,
  commitments: CommitmentsInput,
  { beforeSubscribing }: { beforeSubscribing?: () => void } = {},
): Promise<MonitoredWorld> {
  const provider = await createOrganization(api, uniqueName('Provider'), ['PROVIDER']);
  const admin = providerAdmin(provider);
  const serviceId = await createService(api, admin, { name: uniqueName('Compute'), serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
  const draft = await startDraft(api, admin, serviceId);
  const saved = dataOf(await api.graphql(SetCommitments, { id: serviceId, rev: draft.revision, c: commitments }, admin)).setCommitments;
  expect(saved.problems).toEqual([]);
  dataOf(await publish(api, admin, serviceId, saved.revision));
  beforeSubscribing?.();
  const customer = await subscribedCustomer(api, [serviceId]);
  return {
    api,
    serviceId,
    provider,
    providerAdmin: admin,
    providerMonitor: monitorOf(provider),
    customer: customer.organizationId,
    customerAdmin: customer.admin,
    customerMonitor: monitorOf(customer.organizationId),
  };
}
