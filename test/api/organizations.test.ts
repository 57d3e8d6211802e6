import { graphql } from '../generated';
import { createTestApi, platformAdmin, type TestApi } from '../helpers/api';
import { allProblemPaths, collectPages, dataOf, firstError, problemPaths } from '../helpers/results';

const CreateOrganizationProfile = graphql(`
  mutation CreateOrganizationProfile($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      name
      kinds
      website
      description
      createdAt
    }
  }
`);

const OrganizationProfile = graphql(`
  query OrganizationProfile($id: ID!) {
    organization(id: $id) {
      id
      name
      kinds
    }
  }
`);

const OrganizationNames = graphql(`
  query OrganizationNames($first: Int, $after: String) {
    organizations(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          name
        }
      }
    }
  }
`);

const OrganizationAuditTrail = graphql(`
  query OrganizationAuditTrail($f: AuditEventFilter) {
    auditEvents(filter: $f) {
      edges {
        node {
          action
          summary
          actor {
            subject
            roles
          }
          target {
            type
            id
            organizationId
          }
        }
      }
    }
  }
`);

describe('organizations', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });

  const listNames = (pageSize = 100) =>
    collectPages(
      async (after) => dataOf(await api.graphql(OrganizationNames, { first: pageSize, after }, platformAdmin)).organizations,
      (page) => page.edges.map((e) => e.node.name),
    );

  it('a platform admin creates a provider-and-customer organization; anyone signed in reads its public profile', async () => {
    const created = await api.graphql(
      CreateOrganizationProfile,
      { input: { name: '  Stratus Apps ', kinds: ['PROVIDER', 'CUSTOMER'], website: 'https://stratus.example' } },
      platformAdmin,
    );
    expect(created.json.errors).toBeUndefined();
    const org = dataOf(created).createOrganization;
    expect(org).toMatchObject({ name: 'Stratus Apps', kinds: ['PROVIDER', 'CUSTOMER'], website: 'https://stratus.example', description: null });
    expect(Date.parse(org.createdAt)).not.toBeNaN();

    const reader = { subject: 'someone', organizationId: 'another-org', roles: ['MONITOR' as const] };
    const read = await api.graphql(OrganizationProfile, { id: org.id }, reader);
    expect(dataOf(read).organization).toEqual({ id: org.id, name: 'Stratus Apps', kinds: ['PROVIDER', 'CUSTOMER'] });
  });

  it('refuses creation by anyone but a platform admin, and writes nothing', async () => {
    const providerAdmin = { subject: 'p', organizationId: 'org-p', roles: ['PROVIDER_ADMIN' as const] };
    const refused = await api.graphql(CreateOrganizationProfile, { input: { name: 'Sneaky Org', kinds: ['PROVIDER'] } }, providerAdmin);
    expect(firstError(refused).extensions.code).toBe('FORBIDDEN');
    expect(firstError(refused).message).toMatch(/PLATFORM_ADMIN/);
    const names = await listNames();
    expect(names).not.toContain('Sneaky Org');
  });

  it('lists every problem in the input, the schema round first, then the domain round', async () => {
    // The schema's scalars refuse the blank name and the non-http URL before anything runs...
    const result = await api.graphql(
      CreateOrganizationProfile,
      { input: { name: ' ', kinds: [], website: 'ftp://files', description: 'x'.repeat(2001) } },
      platformAdmin,
    );
    expect((result.json.errors ?? []).map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(allProblemPaths(result)).toEqual(['name', 'website']);
    // ...and once those are fixed, the domain lists all it refuses at once.
    const second = await api.graphql(
      CreateOrganizationProfile,
      { input: { name: 'Fine Org', kinds: [], website: 'https://fine.example', description: 'x'.repeat(2001) } },
      platformAdmin,
    );
    expect(firstError(second).extensions.code).toBe('BAD_USER_INPUT');
    expect(problemPaths(second)).toEqual(['kinds', 'description']);
  });

  it('says NOT_FOUND for an unknown organization', async () => {
    const result = await api.graphql(OrganizationProfile, { id: 'nope' }, platformAdmin);
    expect(firstError(result)).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: 'No organization "nope".' });
  });

  it('lists organizations in name order, page by page', async () => {
    // Mixed case, and a name given with spaces around it: the order is by trimmed name, ignoring case.
    for (const [name, kinds] of [
      ['Alpha Hosting', ['CUSTOMER']],
      ['beta Systems', ['CUSTOMER']],
      ['Gamma Data', ['CUSTOMER']],
      ['  Stratus Apps ', ['PROVIDER', 'CUSTOMER']],
    ] as const) {
      dataOf(await api.graphql(CreateOrganizationProfile, { input: { name, kinds: [...kinds] } }, platformAdmin));
    }
    const names = await listNames(2);
    const expected = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(names).toEqual(expected);
    expect(names).toEqual(expect.arrayContaining(['Alpha Hosting', 'beta Systems', 'Gamma Data', 'Stratus Apps']));
  });

  it('records every creation in the audit trail of the new organization', async () => {
    const created = await api.graphql(CreateOrganizationProfile, { input: { name: 'Audited Org', kinds: ['CUSTOMER'] } }, platformAdmin);
    const id = dataOf(created).createOrganization.id;
    const trail = await api.graphql(OrganizationAuditTrail, { f: { organizationId: id } }, { subject: 'auditor', organizationId: id, roles: ['AUDITOR'] });
    expect(dataOf(trail).auditEvents.edges.map((e) => e.node)).toEqual([
      {
        action: 'organization.create',
        summary: 'created organization "Audited Org" (CUSTOMER)',
        actor: { subject: platformAdmin.subject, roles: ['PLATFORM_ADMIN'] },
        target: { type: 'Organization', id, organizationId: id },
      },
    ]);
    const outsider = await api.graphql(
      OrganizationAuditTrail,
      { f: { organizationId: id } },
      {
        subject: 'other-auditor',
        organizationId: 'someone-else',
        roles: ['AUDITOR'],
      },
    );
    expect(firstError(outsider).extensions.code).toBe('FORBIDDEN');
  });

  it("records an operator's read of another organization's trail in that trail, and not a member's own read", async () => {
    const created = await api.graphql(CreateOrganizationProfile, { input: { name: 'Watched Org', kinds: ['CUSTOMER'] } }, platformAdmin);
    const id = dataOf(created).createOrganization.id;
    const auditor = { subject: 'watched-auditor', organizationId: id, roles: ['AUDITOR' as const] };
    await api.graphql(OrganizationAuditTrail, { f: { organizationId: id } }, auditor);
    const operatorView = await api.graphql(OrganizationAuditTrail, { f: { organizationId: id, targetType: 'Organization', targetId: id } }, platformAdmin);
    // The operator's read is recorded before it runs: it sees its own mark.
    expect(dataOf(operatorView).auditEvents.edges.map((e) => e.node.action)).toEqual(['organization.create', 'auditTrail.read']);
    const trail = dataOf(await api.graphql(OrganizationAuditTrail, { f: { organizationId: id } }, auditor)).auditEvents.edges.map((e) => e.node);
    expect(trail).toEqual([
      expect.objectContaining({ action: 'organization.create' }),
      {
        action: 'auditTrail.read',
        summary: `operator read the audit trail (Organization ${id})`,
        actor: { subject: platformAdmin.subject, roles: ['PLATFORM_ADMIN'] },
        target: { type: 'Organization', id, organizationId: id },
      },
    ]);
  });
});
