import type { Identity } from '../../dev/tokens';
import { platformAdmin, type TestApi } from './api';

// Builds organizations and services through the API itself, as a vendor portal would.

export async function createOrganization(api: TestApi, name: string, kinds: string[]): Promise<string> {
  const result = await api.graphql('mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input: { name, kinds } }, platformAdmin);
  if (result.json.errors) throw new Error(JSON.stringify(result.json.errors));
  return result.json.data.createOrganization.id;
}

export const providerAdmin = (organizationId: string, subject = `admin@${organizationId}`): Identity => ({ subject, organizationId, roles: ['PROVIDER_ADMIN'] });

export async function createService(api: TestApi, as: Identity, input: Record<string, unknown>): Promise<string> {
  const result = await api.graphql('mutation($input: CreateCloudServiceInput!) { createCloudService(input: $input) { id } }', { input }, as);
  if (result.json.errors) throw new Error(JSON.stringify(result.json.errors));
  return result.json.data.createCloudService.id;
}

export const DRAFT_FIELDS = 'revision basedOnVersion problems { controlId code message }';

export async function startDraft(api: TestApi, as: Identity, serviceId: string, from = 'TEMPLATE') {
  const result = await api.graphql(`mutation($id: ID!, $from: DraftSource!) { startContractDraft(serviceId: $id, from: $from) { ${DRAFT_FIELDS} } }`, { id: serviceId, from }, as);
  if (result.json.errors) throw new Error(JSON.stringify(result.json.errors));
  return result.json.data.startContractDraft as { revision: number; problems: { controlId: string; code: string }[] };
}

export async function publish(api: TestApi, as: Identity, serviceId: string, revision: number, changeNote = 'Published') {
  return api.graphql('mutation($id: ID!, $rev: Int!, $note: String!) { publishContractDraft(serviceId: $id, revision: $rev, changeNote: $note) { version status } }', { id: serviceId, rev: revision, note: changeNote }, as);
}

export async function setResponsibilities(api: TestApi, as: Identity, serviceId: string, revision: number, responsibilities: unknown[]) {
  return api.graphql(
    `mutation($id: ID!, $rev: Int!, $r: [ResponsibilityInput!]!) { setResponsibilities(serviceId: $id, revision: $rev, responsibilities: $r) { ${DRAFT_FIELDS} } }`,
    { id: serviceId, rev: revision, r: responsibilities },
    as,
  );
}
