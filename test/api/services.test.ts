import { createTestApi, type TestApi } from '../helpers/api';
import { createOrganization, createService, providerAdmin } from '../helpers/world';

const SERVICE = 'id name description serviceModel deploymentModel regions certifications { kind issuer expiresOn current } upstreamServices { id } provider { id name }';

describe('cloud services', () => {
  let api: TestApi;
  let nimbus: string;
  let stratus: string;
  let customerOnly: string;
  let vmId: string;

  beforeAll(async () => {
    api = await createTestApi();
    nimbus = await createOrganization(api, 'Nimbus Compute', ['PROVIDER']);
    stratus = await createOrganization(api, 'Stratus Platform', ['PROVIDER', 'CUSTOMER']);
    customerOnly = await createOrganization(api, 'Acme Retail', ['CUSTOMER']);
    vmId = await createService(api, providerAdmin(nimbus), {
      name: 'Nimbus VMs',
      description: 'Virtual machines with block storage',
      serviceModel: 'IAAS',
      deploymentModel: 'PUBLIC',
      regions: ['EU-West-1', 'us-east-1', 'eu-west-1'],
      certifications: [
        { kind: 'ISO_27017', issuer: 'BSI', expiresOn: '2099-12-31' },
        { kind: 'SOC2_TYPE2', issuer: 'Schellman', expiresOn: '2020-01-31' },
      ],
    });
  });

  it('creates a service for the caller’s provider organization, normalising regions and dating certificates', async () => {
    const read = await api.graphql(`query($id: ID!) { cloudService(id: $id) { ${SERVICE} } }`, { id: vmId }, providerAdmin(stratus));
    expect(read.json.data.cloudService).toMatchObject({
      name: 'Nimbus VMs',
      regions: ['eu-west-1', 'us-east-1'],
      provider: { id: nimbus, name: 'Nimbus Compute' },
      certifications: [
        { kind: 'ISO_27017', issuer: 'BSI', expiresOn: '2099-12-31', current: true },
        { kind: 'SOC2_TYPE2', issuer: 'Schellman', expiresOn: '2020-01-31', current: false },
      ],
    });
  });

  it('builds a PaaS on another provider’s IaaS, and refuses unknown upstreams and loops', async () => {
    const paas = await createService(api, providerAdmin(stratus), { name: 'Stratus Apps', serviceModel: 'PAAS', deploymentModel: 'PUBLIC', upstreamServiceIds: [vmId] });
    const read = await api.graphql(`query($id: ID!) { cloudService(id: $id) { upstreamServices { id name provider { name } } } }`, { id: paas }, providerAdmin(stratus));
    expect(read.json.data.cloudService.upstreamServices).toEqual([{ id: vmId, name: 'Nimbus VMs', provider: { name: 'Nimbus Compute' } }]);

    const unknown = await api.graphql('mutation($input: CreateCloudServiceInput!) { createCloudService(input: $input) { id } }', {
      input: { name: 'Ghost', serviceModel: 'SAAS', deploymentModel: 'PUBLIC', upstreamServiceIds: ['no-such-service'] },
    }, providerAdmin(stratus));
    expect(unknown.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'upstreamServiceIds[0]' }] } });

    const loop = await api.graphql('mutation($id: ID!, $input: UpdateCloudServiceInput!) { updateCloudService(id: $id, input: $input) { id } }', { id: vmId, input: { upstreamServiceIds: [paas] } }, providerAdmin(nimbus));
    expect(loop.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(loop.json.errors[0].message).toMatch(/cannot loop/);
  });

  it('lets only the provider’s admins create and update its services', async () => {
    const asOther = await api.graphql('mutation($input: CreateCloudServiceInput!) { createCloudService(input: $input) { id } }', {
      input: { providerOrganizationId: nimbus, name: 'Fake Nimbus', serviceModel: 'IAAS', deploymentModel: 'PUBLIC' },
    }, providerAdmin(stratus));
    expect(asOther.json.errors[0].extensions.code).toBe('FORBIDDEN');
    const update = await api.graphql('mutation($id: ID!) { updateCloudService(id: $id, input: { name: "Hijacked" }) { id } }', { id: vmId }, providerAdmin(stratus));
    expect(update.json.errors[0].extensions.code).toBe('FORBIDDEN');
    const customer = await api.graphql('mutation($input: CreateCloudServiceInput!) { createCloudService(input: $input) { id } }', {
      input: { name: 'Not a provider', serviceModel: 'SAAS', deploymentModel: 'PUBLIC' },
    }, providerAdmin(customerOnly));
    expect(customer.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(customer.json.errors[0].message).toMatch(/not registered as a provider/);
  });

  it('updates only the fields given, and reports every problem in bad input', async () => {
    const updated = await api.graphql(`mutation($id: ID!, $input: UpdateCloudServiceInput!) { updateCloudService(id: $id, input: $input) { ${SERVICE} } }`, { id: vmId, input: { description: 'VMs, disks and networks', regions: ['eu-central-1'] } }, providerAdmin(nimbus));
    expect(updated.json.data.updateCloudService).toMatchObject({ name: 'Nimbus VMs', description: 'VMs, disks and networks', regions: ['eu-central-1'], serviceModel: 'IAAS' });
    const bad = await api.graphql('mutation($id: ID!, $input: UpdateCloudServiceInput!) { updateCloudService(id: $id, input: $input) { id } }', {
      id: vmId,
      input: { name: '', regions: ['not a region!'], certifications: [{ kind: 'ISO_27001', issuer: 'BSI', expiresOn: '2027-02-30' }] },
    }, providerAdmin(nimbus));
    expect(bad.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.json.errors[0].extensions.problems.map((p: any) => p.path)).toEqual(expect.arrayContaining(['name', 'regions[0]', 'certifications[0].expiresOn']));
  });

  it('lists and searches services by provider, model, certification, region and text, page by page', async () => {
    for (let i = 0; i < 5; i++) {
      await createService(api, providerAdmin(stratus), { name: `Stratus Queue ${i}`, serviceModel: 'PAAS', deploymentModel: 'PUBLIC', regions: i % 2 ? ['eu-west-1'] : ['ap-south-1'] });
    }
    const names = async (filter: Record<string, unknown>, first = 100) => {
      const all: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result: any = await api.graphql('query($f: CloudServiceFilter, $first: Int, $after: String) { cloudServices(filter: $f, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { name } } } }', { f: filter, first, after }, providerAdmin(customerOnly));
        all.push(...result.json.data.cloudServices.edges.map((e: any) => e.node.name));
        if (!result.json.data.cloudServices.pageInfo.hasNextPage) break;
        after = result.json.data.cloudServices.pageInfo.endCursor;
      }
      return all;
    };
    expect(await names({ providerOrganizationId: nimbus })).toEqual(['Nimbus VMs']);
    expect(await names({ serviceModel: 'IAAS' })).toEqual(['Nimbus VMs']);
    expect(await names({ certification: 'ISO_27017' })).toEqual(['Nimbus VMs']);
    expect(await names({ region: 'EU-WEST-1', providerOrganizationId: stratus })).toEqual(['Stratus Queue 1', 'Stratus Queue 3']);
    expect(await names({ text: 'queue' }, 2)).toEqual(['Stratus Queue 0', 'Stratus Queue 1', 'Stratus Queue 2', 'Stratus Queue 3', 'Stratus Queue 4']);
    expect(await names({}, 3)).toEqual(['Nimbus VMs', 'Stratus Apps', 'Stratus Queue 0', 'Stratus Queue 1', 'Stratus Queue 2', 'Stratus Queue 3', 'Stratus Queue 4']);
  });

  it('audits creation and update of a service', async () => {
    const trail = await api.graphql('query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { node { action summary } } } }', { f: { targetType: 'CloudService', targetId: vmId } }, providerAdmin(nimbus));
    expect(trail.json.data.auditEvents.edges.map((e: any) => e.node.action)).toEqual(['cloudService.create', 'cloudService.update']);
    expect(trail.json.data.auditEvents.edges[1].node.summary).toMatch(/description, regions/);
  });
});
