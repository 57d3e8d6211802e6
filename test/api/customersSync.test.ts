import { DEMO_IDENTITIES } from '../../dev/demo';
import { graphql } from '../generated';
import { seededDemo, type DemoWorld } from '../helpers/demo';
import { dataOf } from '../helpers/results';

// The customer screens answer `service` on every obligation, coverage contributor and performer from
// the services the request already read for the stack (no promise per object). What a client sees
// must be exactly what the service itself answers when asked directly through the loader.

const gina = DEMO_IDENTITIES.subscribedCustomer!;

const ScreensWithServices = graphql(`
  query ScreensWithServices {
    inheritedObligations {
      clauses {
        controls {
          obligations {
            id
            service {
              id
              name
              serviceModel
              deploymentModel
              regions
              updatedAt
              provider {
                id
              }
            }
            performedBy {
              performers {
                service {
                  id
                  name
                  updatedAt
                }
                depth
              }
            }
          }
        }
      }
    }
    coverage {
      controls {
        contributors {
          service {
            id
            name
            serviceModel
            deploymentModel
            regions
            updatedAt
            provider {
              id
            }
          }
          performedBy {
            performers {
              service {
                id
                name
                updatedAt
              }
              depth
            }
          }
        }
      }
    }
  }
`);

const ServiceDirectly = graphql(`
  query ServiceDirectly($id: ID!) {
    cloudService(id: $id) {
      id
      name
      serviceModel
      deploymentModel
      regions
      updatedAt
      provider {
        id
      }
    }
  }
`);

describe('customer screens answer service fields from the stack they read', () => {
  let world: DemoWorld;
  beforeAll(async () => {
    world = await seededDemo();
  }, 60_000);

  it('names each obligation’s, contributor’s and performer’s service exactly as the service itself answers', async () => {
    const data = dataOf(await world.api.graphql(ScreensWithServices, {}, gina));
    const obligations = data.inheritedObligations.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations));
    const contributors = data.coverage.controls.flatMap((c) => c.contributors);
    expect(obligations.length).toBeGreaterThan(100);
    const direct = new Map<string, unknown>();
    for (const id of Object.values(world.ids)) direct.set(id, dataOf(await world.api.graphql(ServiceDirectly, { id }, gina)).cloudService);
    for (const { service } of [...obligations, ...contributors]) expect(service).toEqual(direct.get(service.id));
    // Performers down the chain (the SaaS's datacenter is its IaaS's) are named too, as they are.
    const performers = [...obligations, ...contributors].flatMap((o) => o.performedBy.performers);
    expect(performers.some((p) => p.depth > 0)).toBe(true);
    for (const p of performers)
      expect(p.service).toEqual({
        id: p.service.id,
        name: (direct.get(p.service.id) as { name: string }).name,
        updatedAt: (direct.get(p.service.id) as { updatedAt: string }).updatedAt,
      });
  });
});
