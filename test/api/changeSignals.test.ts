import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf, found } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft, subscribedCustomer } from '../helpers/world';

// Signals a customer needs and used not to get: a provider's implementation status slipping on a
// control it supplies, and a supply chain that stops before anyone is found to perform a control.

const Impact = graphql(`
  query ChangeSignalsImpact {
    subscriptions {
      changed: changeImpact {
        changed
        providerStatusChanges {
          control {
            id
          }
          from
          to
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
const Performers = graphql(`
  query ChangeSignalsPerformers {
    coverage {
      controls {
        control {
          id
        }
        contributors {
          performedBy {
            performers {
              service {
                name
              }
            }
            broken {
              reason
              depth
              service {
                name
              }
            }
          }
        }
      }
    }
  }
`);

describe('change signals', () => {
  let api: TestApi;
  let provider: string;
  beforeAll(async () => {
    api = await createTestApi();
    provider = await createOrganization(api, 'Signal Cloud', ['PROVIDER']);
  });

  it('shows a subscriber that the provider status of a control it inherits went from IMPLEMENTED to PARTIAL', async () => {
    const admin = providerAdmin(provider);
    const serviceId = await createService(api, admin, { name: 'Signal VMs', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    dataOf(await publish(api, admin, serviceId, (await startDraft(api, admin, serviceId)).revision));
    const customer = await subscribedCustomer(api, [serviceId]);
    const next = await startDraft(api, admin, serviceId, 'LATEST_VERSION');
    const saved = dataOf(await setResponsibilities(api, admin, serviceId, next.revision, [{ controlId: '11.1.1', ownership: 'PROVIDER', status: 'PARTIAL' }]));
    dataOf(await publish(api, admin, serviceId, saved.setResponsibilities.revision, 'Perimeter works in progress'));
    const [subscription] = dataOf(await api.graphql(Impact, {}, customer.auditor)).subscriptions;
    expect(subscription!.changed).toEqual({
      changed: true,
      providerStatusChanges: [{ control: { id: '11.1.1' }, from: 'IMPLEMENTED', to: 'PARTIAL' }],
      movedTowardCustomer: [],
    });
  });

  it('says where the chain stops when an upstream carrying a control has published nothing', async () => {
    const admin = providerAdmin(provider);
    const iaas = await createService(api, admin, { name: 'Silent IaaS', serviceModel: 'IAAS', deploymentModel: 'PUBLIC' });
    const paas = await createService(api, admin, {
      name: 'Platform on Silent',
      serviceModel: 'PAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
      upstreamServiceIds: [iaas],
    });
    const draft = await startDraft(api, admin, paas);
    const saved = dataOf(
      await setResponsibilities(api, admin, paas, draft.revision, [
        {
          controlId: '11.1.1',
          ownership: 'PROVIDER_VIA_UPSTREAM',
          upstreamServiceId: iaas,
          providerStatement: 'Silent IaaS runs the data centres.',
          customerObligations: [],
        },
      ]),
    );
    dataOf(await publish(api, admin, paas, saved.setResponsibilities.revision));
    const customer = await subscribedCustomer(api, [paas]);
    const { coverage } = dataOf(await api.graphql(Performers, {}, customer.admin));
    const line = found(coverage.controls, (c) => c.control.id === '11.1.1', 'control 11.1.1');
    expect(line.contributors[0]!.performedBy).toEqual({
      performers: [],
      broken: { reason: 'UNKNOWN_SERVICE', depth: 0, service: { name: 'Platform on Silent' } },
    });
    const whole = found(coverage.controls, (c) => c.control.id === '5.1.1', 'control 5.1.1');
    expect(whole.contributors[0]!.performedBy.broken).toBeNull();
  });
});
