import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf, found } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft, subscribedCustomer } from '../helpers/world';

// An upstream publishes; the downstream contract published before it is now stale. Its provider and
// its customers must both be able to see exactly what no longer holds, and since when.

const Confirm = graphql(`
  mutation DriftConfirm($id: ID!, $rev: Int!) {
    confirmUpstreamHandlings(serviceId: $id, revision: $rev) {
      revision
      problems {
        code
      }
    }
  }
`);
const ServiceDrift = graphql(`
  query DriftOfService($id: ID!) {
    cloudService(id: $id) {
      contractDrift {
        control {
          id
        }
        kind
        upstreamService {
          name
        }
        upstreamVersion
        upstreamPublishedAt
        upstreamText
        message
      }
    }
  }
`);
const Stale = graphql(`
  query DriftStale($provider: ID) {
    staleContracts(providerOrganizationId: $provider) {
      service {
        name
      }
      version
      drift {
        control {
          id
        }
        kind
      }
    }
  }
`);
const Warnings = graphql(`
  query DriftWarnings {
    coverage {
      controls {
        control {
          id
        }
        contributors {
          service {
            name
          }
          drift {
            kind
            message
          }
        }
      }
    }
  }
`);

describe('upstream drift', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  it('marks the downstream contract stale for its provider and warns its customers on the affected control', async () => {
    const ground = await createOrganization(api, 'Ground Compute', ['PROVIDER']);
    const middle = await createOrganization(api, 'Middle Apps', ['PROVIDER']);
    const iaasAdmin = providerAdmin(ground);
    const paasAdmin = providerAdmin(middle);
    const iaas = await createService(api, iaasAdmin, { name: 'Ground VMs', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    dataOf(await publish(api, iaasAdmin, iaas, (await startDraft(api, iaasAdmin, iaas)).revision));
    const paas = await createService(api, paasAdmin, {
      name: 'Middle Runtime',
      serviceModel: 'PAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
      upstreamServiceIds: [iaas],
    });
    const draft = await startDraft(api, paasAdmin, paas);
    const confirmed = dataOf(await api.graphql(Confirm, { id: paas, rev: draft.revision }, paasAdmin)).confirmUpstreamHandlings;
    expect(confirmed.problems).toEqual([]);
    dataOf(await publish(api, paasAdmin, paas, confirmed.revision));
    expect(dataOf(await api.graphql(ServiceDrift, { id: paas }, paasAdmin)).cloudService.contractDrift).toEqual([]);
    const customer = await subscribedCustomer(api, [paas]);

    // Ground asks something new on 11.2.1 in its version 2.
    const next = await startDraft(api, iaasAdmin, iaas, 'LATEST_VERSION');
    const saved = dataOf(
      await setResponsibilities(api, iaasAdmin, iaas, next.revision, [
        { controlId: '11.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Tell Ground which racks hold regulated data.' }] },
      ]),
    );
    dataOf(await publish(api, iaasAdmin, iaas, saved.setResponsibilities.revision, 'Rack labelling'));

    const [item, ...rest] = dataOf(await api.graphql(ServiceDrift, { id: paas }, customer.auditor)).cloudService.contractDrift;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      control: { id: '11.2.1' },
      kind: 'NEW_UPSTREAM_OBLIGATION',
      upstreamService: { name: 'Ground VMs' },
      upstreamVersion: 2,
      upstreamText: 'Tell Ground which racks hold regulated data.',
      message: 'Ground VMs v2 asks something on 11.2.1 that Middle Runtime v1 does not account for: "Tell Ground which racks hold regulated data."',
    });
    expect(Date.parse(item!.upstreamPublishedAt as string)).toBeGreaterThan(0);

    expect(dataOf(await api.graphql(Stale, {}, paasAdmin)).staleContracts).toEqual([
      { service: { name: 'Middle Runtime' }, version: 1, drift: [{ control: { id: '11.2.1' }, kind: 'NEW_UPSTREAM_OBLIGATION' }] },
    ]);
    expect(dataOf(await api.graphql(Stale, { provider: ground }, paasAdmin)).staleContracts).toEqual([]);

    const { coverage } = dataOf(await api.graphql(Warnings, {}, customer.auditor));
    const racks = found(coverage.controls, (c) => c.control.id === '11.2.1', 'control 11.2.1');
    expect(racks.contributors).toEqual([{ service: { name: 'Middle Runtime' }, drift: [{ kind: 'NEW_UPSTREAM_OBLIGATION', message: item!.message }] }]);
    expect(coverage.controls.filter((c) => c.contributors.some((k) => k.drift.length > 0)).map((c) => c.control.id)).toEqual(['11.2.1']);
  });
});
