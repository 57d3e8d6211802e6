import { createTestApi, platformAdmin, type TestApi } from '../helpers/api';

const CREATE = 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name kinds website description createdAt } }';

describe('organizations', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });

  it('a platform admin creates a provider-and-customer organization; anyone signed in reads its public profile', async () => {
    const created = await api.graphql(CREATE, { input: { name: '  Stratus Apps ', kinds: ['PROVIDER', 'CUSTOMER'], website: 'https://stratus.example' } }, platformAdmin);
    expect(created.json.errors).toBeUndefined();
    const org = created.json.data.createOrganization;
    expect(org).toMatchObject({ name: 'Stratus Apps', kinds: ['PROVIDER', 'CUSTOMER'], website: 'https://stratus.example', description: null });
    expect(Date.parse(org.createdAt)).not.toBeNaN();

    const reader = { subject: 'someone', organizationId: 'another-org', roles: ['MONITOR' as const] };
    const read = await api.graphql('query($id: ID!) { organization(id: $id) { id name kinds } }', { id: org.id }, reader);
    expect(read.json.data.organization).toEqual({ id: org.id, name: 'Stratus Apps', kinds: ['PROVIDER', 'CUSTOMER'] });
  });

  it('refuses creation by anyone but a platform admin, and writes nothing', async () => {
    const providerAdmin = { subject: 'p', organizationId: 'org-p', roles: ['PROVIDER_ADMIN' as const] };
    const refused = await api.graphql(CREATE, { input: { name: 'Sneaky Org', kinds: ['PROVIDER'] } }, providerAdmin);
    expect(refused.json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(refused.json.errors[0].message).toMatch(/PLATFORM_ADMIN/);
    const names = await listNames();
    expect(names).not.toContain('Sneaky Org');
  });

  it('lists every problem in the input at once', async () => {
    const result = await api.graphql(CREATE, { input: { name: ' ', kinds: [], website: 'ftp://files', description: 'x'.repeat(2001) } }, platformAdmin);
    const [error] = result.json.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.problems.map((p: { path: string }) => p.path)).toEqual(['name', 'kinds', 'website', 'description']);
  });

  it('says NOT_FOUND for an unknown organization', async () => {
    const result = await api.graphql('{ organization(id: "nope") { name } }', {}, platformAdmin);
    expect(result.json.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: 'No organization "nope".' });
  });

  it('lists organizations in name order, page by page', async () => {
    for (const name of ['Alpha Hosting', 'beta Systems', 'Gamma Data']) {
      await api.graphql(CREATE, { input: { name, kinds: ['CUSTOMER'] } }, platformAdmin);
    }
    const names = await listNames(2);
    const expected = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(names).toEqual(expected);
    expect(names).toEqual(expect.arrayContaining(['Alpha Hosting', 'beta Systems', 'Gamma Data', 'Stratus Apps']));
  });

  it('records every creation in the audit trail of the new organization', async () => {
    const created = await api.graphql(CREATE, { input: { name: 'Audited Org', kinds: ['CUSTOMER'] } }, platformAdmin);
    const id = created.json.data.createOrganization.id;
    const trail = await api.graphql(
      'query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { node { action summary actor { subject roles } target { type id organizationId } } } } }',
      { f: { organizationId: id } },
      { subject: 'auditor', organizationId: id, roles: ['AUDITOR'] },
    );
    expect(trail.json.data.auditEvents.edges.map((e: any) => e.node)).toEqual([
      {
        action: 'organization.create',
        summary: 'created organization "Audited Org" (CUSTOMER)',
        actor: { subject: platformAdmin.subject, roles: ['PLATFORM_ADMIN'] },
        target: { type: 'Organization', id, organizationId: id },
      },
    ]);
    const outsider = await api.graphql('query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { cursor } } }', { f: { organizationId: id } }, {
      subject: 'other-auditor',
      organizationId: 'someone-else',
      roles: ['AUDITOR'],
    });
    expect(outsider.json.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  async function listNames(pageSize = 100): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const result: any = await api.graphql('query($first: Int, $after: String) { organizations(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { name } } } }', { first: pageSize, after }, platformAdmin);
      names.push(...result.json.data.organizations.edges.map((e: any) => e.node.name));
      if (!result.json.data.organizations.pageInfo.hasNextPage) break;
      after = result.json.data.organizations.pageInfo.endCursor;
    }
    return names;
  }
});
