import { randomUUID } from 'node:crypto';
import type { Identity } from '../../dev/tokens';
import { graphql } from '../generated';
import type { CreateCloudServiceInput, DraftSource, OrganizationKind, ResponsibilityInput } from '../generated/graphql';
import { platformAdmin, type TestApi } from './api';
import { dataOf } from './results';

// Builds organizations, services and subscriptions through the API itself, as a vendor portal
// would. Each test builds what it changes, under names of its own, so it runs alone.

/** A name no other test uses, for worlds that share a table. */
export const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

const CreateOrganization = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

export async function createOrganization(api: TestApi, name: string, kinds: OrganizationKind[]): Promise<string> {
  return dataOf(await api.graphql(CreateOrganization, { input: { name, kinds } }, platformAdmin)).createOrganization.id;
}

export const providerAdmin = (organizationId: string, subject = `admin@${organizationId}`): Identity => ({
  subject,
  organizationId,
  roles: ['PROVIDER_ADMIN'],
});

const CreateCloudService = graphql(`
  mutation CreateCloudService($input: CreateCloudServiceInput!) {
    createCloudService(input: $input) {
      id
    }
  }
`);

export async function createService(api: TestApi, as: Identity, input: CreateCloudServiceInput): Promise<string> {
  return dataOf(await api.graphql(CreateCloudService, { input }, as)).createCloudService.id;
}

const StartContractDraft = graphql(`
  mutation StartContractDraft($id: ID!, $from: DraftSource!) {
    startContractDraft(serviceId: $id, from: $from) {
      revision
      basedOnVersion
      problems {
        controlId
        code
        message
      }
    }
  }
`);

/** Starts a draft, which may be refused: the raw response. */
export const tryStartDraft = (api: TestApi, as: Identity, serviceId: string, from: DraftSource = 'TEMPLATE') =>
  api.graphql(StartContractDraft, { id: serviceId, from }, as);

export async function startDraft(api: TestApi, as: Identity, serviceId: string, from: DraftSource = 'TEMPLATE') {
  return dataOf(await tryStartDraft(api, as, serviceId, from)).startContractDraft;
}

const PublishContractDraft = graphql(`
  mutation PublishContractDraft($id: ID!, $rev: Int!, $note: String!) {
    publishContractDraft(serviceId: $id, revision: $rev, changeNote: $note) {
      version
      status
    }
  }
`);

export async function publish(api: TestApi, as: Identity, serviceId: string, revision: number, changeNote = 'Published') {
  return api.graphql(PublishContractDraft, { id: serviceId, rev: revision, note: changeNote }, as);
}

const SetResponsibilities = graphql(`
  mutation SetResponsibilities($id: ID!, $rev: Int!, $r: [ResponsibilityInput!]!) {
    setResponsibilities(serviceId: $id, revision: $rev, responsibilities: $r) {
      revision
      basedOnVersion
      problems {
        controlId
        code
        message
      }
    }
  }
`);

export async function setResponsibilities(api: TestApi, as: Identity, serviceId: string, revision: number, responsibilities: ResponsibilityInput[]) {
  return api.graphql(SetResponsibilities, { id: serviceId, rev: revision, r: responsibilities }, as);
}

const Subscribe = graphql(`
  mutation Subscribe($input: SubscribeInput!) {
    subscribe(input: $input) {
      id
    }
  }
`);

export interface Customer {
  readonly organizationId: string;
  readonly admin: Identity;
  readonly auditor: Identity;
}

/** A new customer organization of its own, subscribed (eu-west-1, from 2026-01-01) to each service given. */
export async function subscribedCustomer(api: TestApi, serviceIds: readonly string[], name = uniqueName('Customer')): Promise<Customer> {
  const organizationId = await createOrganization(api, name, ['CUSTOMER']);
  const customer: Customer = {
    organizationId,
    admin: { subject: `admin@${organizationId}`, organizationId, roles: ['CUSTOMER_ADMIN'] },
    auditor: { subject: `auditor@${organizationId}`, organizationId, roles: ['AUDITOR'] },
  };
  for (const serviceId of serviceIds) {
    dataOf(await api.graphql(Subscribe, { input: { serviceId, regions: ['eu-west-1'], startDate: '2026-01-01' } }, customer.admin));
  }
  return customer;
}
