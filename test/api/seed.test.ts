import { createInProcessApi } from '../../dev/inProcessApi';
import { seedDemoData } from '../../dev/seed';
import { createDocumentClient } from '../../src/store/client';
import { Store } from '../../src/store/store';
import { freshTable } from '../helpers/localDatabase';

describe('the demo data npm start seeds', () => {
  it('builds an IaaS → PaaS → SaaS chain with complete published contracts, once', async () => {
    const { endpoint, tableName } = await freshTable('seed');
    const store = new Store(createDocumentClient({ region: 'us-east-1', endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 }), tableName);
    const api = await createInProcessApi(endpoint, tableName);

    const first = await seedDemoData(store, api);
    expect(first.existing).toEqual([]);
    const second = await seedDemoData(store, api);
    expect(second.created).toEqual([]);
    expect(second.existing).toHaveLength(first.created.filter((c) => !c.includes('contract version')).length);

    const auditor = { subject: 'a', organizationId: 'org-acme', roles: ['AUDITOR' as const] };
    const services = await api.graphql(
      `{ cloudServices { edges { node { id name serviceModel provider { id } upstreamServices { name }
          currentContract { version responsibilities { ownership } } contractVersions { version } draft { revision } } } } }`,
      {},
      { subject: 'p', organizationId: 'org-nimbus', roles: ['PROVIDER_ADMIN'] },
    );
    const nodes = services.json.data.cloudServices.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.name, n.serviceModel, n.upstreamServices.map((u: any) => u.name)])).toEqual([
      ['Cirrus HR', 'SAAS', ['Stratus App Platform']],
      ['Nimbus Virtual Machines', 'IAAS', []],
      ['Stratus App Platform', 'PAAS', ['Nimbus Virtual Machines']],
    ]);
    for (const node of nodes) expect(node.currentContract.responsibilities).toHaveLength(121);
    const nimbus = nodes.find((n: any) => n.name === 'Nimbus Virtual Machines');
    expect(nimbus.contractVersions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(nimbus.draft).toBeNull();

    const diff = await api.graphql(
      `query($id: ID!) { contractDiff(serviceId: $id, fromVersion: 1, toVersion: 2) { summary { controls ownershipChanges obligationsAdded } } }`,
      { id: nimbus.id },
      auditor,
    );
    // 12.3.1 CUSTOMER → SHARED with one obligation added; 9.4.2 CUSTOMER → SHARED with new wording.
    expect(diff.json.data.contractDiff.summary).toEqual({ controls: 2, ownershipChanges: 2, obligationsAdded: 2 });

    // Globex uses all three and has started on its obligations (once, however often the seed runs).
    const globex = { subject: 'g', organizationId: 'org-globex', roles: ['AUDITOR' as const] };
    const posture = await api.graphql('{ subscriptions { service { name } } posture { overall { counts { byStatus { status count } } } } }', {}, globex);
    expect(posture.json.data.subscriptions).toHaveLength(3);
    const byStatus = Object.fromEntries(posture.json.data.posture.overall.counts.byStatus.map((s: any) => [s.status, s.count]));
    expect(byStatus).toMatchObject({ IMPLEMENTED: 2, PLANNED: 2 });
    // Acme is left unsubscribed, for a procurement walk-through from scratch.
    const acme = await api.graphql('{ subscriptions { id } }', {}, { subject: 'c', organizationId: 'org-acme', roles: ['CUSTOMER_ADMIN'] });
    expect(acme.json.data.subscriptions).toEqual([]);
  });
});
