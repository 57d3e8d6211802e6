import { createInProcessApi, type InProcessApi } from '../../dev/inProcessApi';
import { seedDemoData } from '../../dev/seed';
import type { Identity } from '../../dev/tokens';
import { createDocumentClient } from '../../src/store/client';
import { Store } from '../../src/store/store';
import { graphql } from '../generated';
import type { DemoContractsQuery } from '../generated/graphql';
import { freshTable } from './localDatabase';
import { dataOf } from './results';

// The demo world npm start seeds (IaaS → PaaS → SaaS, Globex subscribed, Acme not), on a table of
// its own. Tests read it freely; a test that changes a seeded service seeds a world of its own.

const DemoContracts = graphql(`
  query DemoContracts {
    cloudServices {
      edges {
        node {
          id
          serviceModel
          currentContract {
            responsibilities {
              control {
                id
                clause {
                  number
                }
              }
              ownership
              status
              customerObligations {
                id
                text
              }
            }
          }
        }
      }
    }
  }
`);

export type DemoLine = NonNullable<DemoContractsQuery['cloudServices']['edges'][number]['node']['currentContract']>['responsibilities'][number];

export interface DemoWorld {
  readonly api: InProcessApi;
  readonly table: { readonly endpoint: string; readonly tableName: string };
  /** The three seeded services by model. */
  readonly ids: Readonly<Record<'iaas' | 'paas' | 'saas', string>>;
  /** Each service's current published contract, by service id. */
  readonly contracts: Readonly<Record<string, readonly DemoLine[]>>;
}

/** Acme Retail's auditor: the seeded customer with no subscription, who may read the catalogue of services. */
export const acmeAuditor: Identity = { subject: 'audrey', organizationId: 'org-acme', roles: ['AUDITOR'] };

export async function seededDemo(): Promise<DemoWorld> {
  const table = await freshTable('demo');
  const store = new Store(
    createDocumentClient({ region: 'us-east-1', endpoint: table.endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 }),
    table.tableName,
  );
  const api = await createInProcessApi(table.endpoint, table.tableName);
  await seedDemoData(store, api);
  const ids = { iaas: '', paas: '', saas: '' };
  const contracts: Record<string, readonly DemoLine[]> = {};
  for (const { node } of dataOf(await api.graphql(DemoContracts, {}, acmeAuditor)).cloudServices.edges) {
    const key = ({ IAAS: 'iaas', PAAS: 'paas', SAAS: 'saas' } as const)[node.serviceModel as 'IAAS' | 'PAAS' | 'SAAS'];
    ids[key] = node.id;
    contracts[node.id] = node.currentContract?.responsibilities ?? [];
  }
  return { api, table, ids, contracts };
}
