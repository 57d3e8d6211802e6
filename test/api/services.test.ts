import { graphql } from '../generated';
import type { CloudServiceFilter, CreateCloudServiceInput } from '../generated/graphql';
import { createTestApi, type TestApi } from '../helpers/api';
import { allProblemPaths, collectPages, dataOf, firstError, problemPaths } from '../helpers/results';
import { createOrganization, createService, providerAdmin } from '../helpers/world';

graphql(`
  fragment ServiceProfile on CloudService {
    id
    name
    description
    serviceModel
    deploymentModel
    regions
    certifications {
      kind
      issuer
      expiresOn
      current
    }
    upstreamServices {
      id
    }
    provider {
      id
      name
    }
  }
`);

const ReadService = graphql(`
  query ReadService($id: ID!) {
    cloudService(id: $id) {
      ...ServiceProfile
    }
  }
`);

const UpstreamsOf = graphql(`
  query UpstreamsOf($id: ID!) {
    cloudService(id: $id) {
      upstreamServices {
        id
        name
        provider {
          name
        }
      }
    }
  }
`);

const CreateService = graphql(`
  mutation CreateServiceAttempt($input: CreateCloudServiceInput!) {
    createCloudService(input: $input) {
      id
    }
  }
`);

const UpdateService = graphql(`
  mutation UpdateService($id: ID!, $input: UpdateCloudServiceInput!) {
    updateCloudService(id: $id, input: $input) {
      ...ServiceProfile
    }
  }
`);

const ServiceNames = graphql(`
  query ServiceNames($f: CloudServiceFilter, $first: Int, $after: String) {
    cloudServices(filter: $f, first: $first, after: $after) {
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

const ServiceAuditTrail = graphql(`
  query ServiceAuditTrail($f: AuditEventFilter) {
    auditEvents(filter: $f) {
      edges {
        node {
          action
          summary
        }
      }
    }
  }
`);

const VMS: CreateCloudServiceInput = {
  name: 'Nimbus VMs',
  description: 'Virtual machines with block storage',
  serviceModel: 'IAAS',
  deploymentModel: 'PUBLIC',
  regions: ['EU-West-1', 'us-east-1', 'eu-west-1'],
  certifications: [
    { kind: 'ISO_27017', issuer: 'BSI', expiresOn: '2099-12-31' },
    { kind: 'SOC2_TYPE2', issuer: 'Schellman', expiresOn: '2020-01-31' },
  ],
};

const VMS_UPDATE = { description: 'VMs, disks and networks', regions: ['eu-central-1'] };

interface Providers {
  nimbus: string;
  stratus: string;
  customerOnly: string;
}

async function providers(api: TestApi): Promise<Providers> {
  return {
    nimbus: await createOrganization(api, 'Nimbus Compute', ['PROVIDER']),
    stratus: await createOrganization(api, 'Stratus Platform', ['PROVIDER', 'CUSTOMER']),
    customerOnly: await createOrganization(api, 'Acme Retail', ['CUSTOMER']),
  };
}

describe('cloud services', () => {
  let api: TestApi;
  let nimbus: string;
  let stratus: string;
  let customerOnly: string;
  /** Nimbus VMs of this test's own, as first created. */
  const createVms = (on = api, owner = nimbus) => createService(on, providerAdmin(owner), VMS);

  beforeAll(async () => {
    api = await createTestApi();
    ({ nimbus, stratus, customerOnly } = await providers(api));
  });

  it('creates a service for the caller’s provider organization, normalising regions and dating certificates', async () => {
    const vmId = await createVms();
    const read = await api.graphql(ReadService, { id: vmId }, providerAdmin(stratus));
    expect(dataOf(read).cloudService).toMatchObject({
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
    const vmId = await createVms();
    const paas = await createService(api, providerAdmin(stratus), {
      name: 'Stratus Apps',
      serviceModel: 'PAAS',
      deploymentModel: 'PUBLIC',
      upstreamServiceIds: [vmId],
    });
    const read = await api.graphql(UpstreamsOf, { id: paas }, providerAdmin(stratus));
    expect(dataOf(read).cloudService.upstreamServices).toEqual([{ id: vmId, name: 'Nimbus VMs', provider: { name: 'Nimbus Compute' } }]);

    const unknown = await api.graphql(
      CreateService,
      { input: { name: 'Ghost', serviceModel: 'SAAS', deploymentModel: 'PUBLIC', upstreamServiceIds: ['no-such-service'] } },
      providerAdmin(stratus),
    );
    expect(firstError(unknown)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'upstreamServiceIds[0]' }] } });

    const loop = await api.graphql(UpdateService, { id: vmId, input: { upstreamServiceIds: [paas] } }, providerAdmin(nimbus));
    expect(firstError(loop).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(loop).message).toMatch(/cannot loop/);
  });

  it('lets only the provider’s admins create and update its services', async () => {
    const vmId = await createVms();
    const asOther = await api.graphql(
      CreateService,
      { input: { providerOrganizationId: nimbus, name: 'Fake Nimbus', serviceModel: 'IAAS', deploymentModel: 'PUBLIC' } },
      providerAdmin(stratus),
    );
    expect(firstError(asOther).extensions.code).toBe('FORBIDDEN');
    const update = await api.graphql(UpdateService, { id: vmId, input: { name: 'Hijacked' } }, providerAdmin(stratus));
    expect(firstError(update).extensions.code).toBe('FORBIDDEN');
    const customer = await api.graphql(
      CreateService,
      { input: { name: 'Not a provider', serviceModel: 'SAAS', deploymentModel: 'PUBLIC' } },
      providerAdmin(customerOnly),
    );
    expect(firstError(customer)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(firstError(customer).message).toMatch(/not registered as a provider/);
  });

  it('updates only the fields given, and reports every problem in bad input', async () => {
    const vmId = await createVms();
    const updated = await api.graphql(UpdateService, { id: vmId, input: VMS_UPDATE }, providerAdmin(nimbus));
    expect(dataOf(updated).updateCloudService).toMatchObject({
      name: 'Nimbus VMs',
      description: 'VMs, disks and networks',
      regions: ['eu-central-1'],
      serviceModel: 'IAAS',
    });
    const bad = await api.graphql(
      UpdateService,
      {
        id: vmId,
        input: { name: '', regions: ['not a region!'], certifications: [{ kind: 'ISO_27001', issuer: 'BSI', expiresOn: '2027-02-30' }] },
      },
      providerAdmin(nimbus),
    );
    expect(firstError(bad).extensions.code).toBe('BAD_USER_INPUT');
    // The schema round (blank name, impossible date), then the domain round (the region code).
    expect(allProblemPaths(bad)).toEqual(['name', 'certifications[0].expiresOn']);
    const second = await api.graphql(UpdateService, { id: vmId, input: { name: 'Nimbus VMs', regions: ['not a region!'] } }, providerAdmin(nimbus));
    expect(problemPaths(second)).toEqual(['regions[0]']);
  });

  it('lists and searches services by provider, model, certification, region and text, page by page', async () => {
    // A table of its own: the listings below are exact.
    const own = await createTestApi();
    const orgs = await providers(own);
    const vmId = await createVms(own, orgs.nimbus);
    await createService(own, providerAdmin(orgs.stratus), {
      name: 'Stratus Apps',
      serviceModel: 'PAAS',
      deploymentModel: 'PUBLIC',
      upstreamServiceIds: [vmId],
    });
    for (let i = 0; i < 5; i++) {
      await createService(own, providerAdmin(orgs.stratus), {
        name: `Stratus Queue ${i}`,
        serviceModel: 'PAAS',
        deploymentModel: 'PUBLIC',
        regions: i % 2 ? ['eu-west-1'] : ['ap-south-1'],
      });
    }
    const names = (filter: CloudServiceFilter, first = 100) =>
      collectPages(
        async (after) => dataOf(await own.graphql(ServiceNames, { f: filter, first, after }, providerAdmin(orgs.customerOnly))).cloudServices,
        (page) => page.edges.map((e) => e.node.name),
      );
    expect(await names({ providerOrganizationId: orgs.nimbus })).toEqual(['Nimbus VMs']);
    expect(await names({ serviceModel: 'IAAS' })).toEqual(['Nimbus VMs']);
    expect(await names({ certification: 'ISO_27017' })).toEqual(['Nimbus VMs']);
    expect(await names({ region: 'EU-WEST-1', providerOrganizationId: orgs.stratus })).toEqual(['Stratus Queue 1', 'Stratus Queue 3']);
    expect(await names({ text: 'queue' }, 2)).toEqual(['Stratus Queue 0', 'Stratus Queue 1', 'Stratus Queue 2', 'Stratus Queue 3', 'Stratus Queue 4']);
    expect(await names({}, 3)).toEqual([
      'Nimbus VMs',
      'Stratus Apps',
      'Stratus Queue 0',
      'Stratus Queue 1',
      'Stratus Queue 2',
      'Stratus Queue 3',
      'Stratus Queue 4',
    ]);
  });

  it('audits creation and update of a service, and nothing for refused changes', async () => {
    const vmId = await createVms();
    dataOf(await api.graphql(UpdateService, { id: vmId, input: VMS_UPDATE }, providerAdmin(nimbus)));
    expect(firstError(await api.graphql(UpdateService, { id: vmId, input: { name: 'Hijacked' } }, providerAdmin(stratus))).extensions.code).toBe('FORBIDDEN');
    expect(firstError(await api.graphql(UpdateService, { id: vmId, input: { name: '' } }, providerAdmin(nimbus))).extensions.code).toBe('BAD_USER_INPUT');
    const trail = await api.graphql(ServiceAuditTrail, { f: { targetType: 'CloudService', targetId: vmId } }, providerAdmin(nimbus));
    const edges = dataOf(trail).auditEvents.edges;
    expect(edges.map((e) => e.node.action)).toEqual(['cloudService.create', 'cloudService.update']);
    expect(edges[1]?.node.summary).toMatch(/description, regions/);
  });
});
