import { createInProcessApi } from '../../dev/inProcessApi';
import { seedDemoData } from '../../dev/seed';
import { createDocumentClient } from '../../src/store/client';
import { Store } from '../../src/store/store';
import { graphql } from '../generated';
import { freshTable } from '../helpers/localDatabase';
import { dataOf, found, partialDataOf } from '../helpers/results';

const SeededServices = graphql(`
  query SeededServices {
    cloudServices {
      edges {
        node {
          id
          name
          serviceModel
          provider {
            id
          }
          upstreamServices {
            name
          }
          currentContract {
            version
            responsibilities {
              ownership
            }
          }
          contractVersions {
            version
          }
          draft {
            revision
          }
        }
      }
    }
  }
`);

const SeededDiff = graphql(`
  query SeededDiff($id: ID!) {
    contractDiff(serviceId: $id, fromVersion: 1, toVersion: 2) {
      summary {
        controls
        ownershipChanges
        obligationsAdded
      }
    }
  }
`);

const SeededPosture = graphql(`
  query SeededPosture {
    subscriptions {
      service {
        name
      }
    }
    posture {
      overall {
        counts {
          byStatus {
            status
            count
          }
        }
      }
    }
  }
`);

const SeededSubscriptions = graphql(`
  query SeededSubscriptions {
    subscriptions {
      id
    }
  }
`);

const SeededSla = graphql(`
  query SeededSla($id: ID!, $month: String!, $tier: String!) {
    cloudService(id: $id) {
      currentContract {
        commitments {
          availability {
            targets {
              scope {
                tier
              }
              targetPercent
            }
          }
        }
      }
      slaReports(month: $month, scope: { tier: $tier }, sources: ["org-nimbus", "org-globex"]) {
        source {
          kind
        }
        contractVersion
        watchedMinutes
        downtimeMinutes
        incidents {
          count
          late {
            id
            target
            lateMinutes
          }
        }
        comparedWithProvider {
          downOnlyHereMinutes
        }
      }
    }
  }
`);

describe('the demo data npm start seeds', () => {
  it('builds an IaaS → PaaS → SaaS chain with complete published contracts, once', async () => {
    const { endpoint, tableName } = await freshTable('seed');
    const store = new Store(
      createDocumentClient({ region: 'us-east-1', endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 }),
      tableName,
    );
    const api = await createInProcessApi(endpoint, tableName);

    const first = await seedDemoData(store, api);
    expect(first.existing).toEqual([]);
    const second = await seedDemoData(store, api);
    expect(second.created).toEqual([]);
    expect(second.existing).toHaveLength(first.created.filter((c) => !c.includes('contract version')).length);

    const auditor = { subject: 'a', organizationId: 'org-acme', roles: ['AUDITOR' as const] };
    const services = await api.graphql(SeededServices, {}, { subject: 'p', organizationId: 'org-nimbus', roles: ['PROVIDER_ADMIN'] });
    // Nimbus's admin reads every service, but not the other providers' drafts (null, FORBIDDEN).
    const nodes = partialDataOf(services).cloudServices.edges.map((e) => e.node);
    expect(services.json.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([
      ['FORBIDDEN', 'draft'],
      ['FORBIDDEN', 'draft'],
    ]);
    expect(nodes.map((n) => [n.name, n.serviceModel, n.upstreamServices.map((u) => u.name)])).toEqual([
      ['Cirrus HR', 'SAAS', ['Stratus App Platform']],
      ['Nimbus Virtual Machines', 'IAAS', []],
      ['Stratus App Platform', 'PAAS', ['Nimbus Virtual Machines']],
    ]);
    for (const node of nodes) expect(node.currentContract?.responsibilities).toHaveLength(121);
    const nimbus = found(nodes, (n) => n.name === 'Nimbus Virtual Machines');
    expect(nimbus.contractVersions.map((v) => v.version)).toEqual([2, 1]);
    expect(nimbus.draft).toBeNull();

    const diff = await api.graphql(SeededDiff, { id: nimbus.id }, auditor);
    // 12.3.1 CUSTOMER → SHARED with one obligation added; 9.4.2 CUSTOMER → SHARED with new wording.
    expect(dataOf(diff).contractDiff.summary).toEqual({ controls: 2, ownershipChanges: 2, obligationsAdded: 2 });

    // Globex uses all three and has started on its obligations (once, however often the seed runs).
    const globex = { subject: 'g', organizationId: 'org-globex', roles: ['AUDITOR' as const] };
    const posture = dataOf(await api.graphql(SeededPosture, {}, globex));
    expect(posture.subscriptions).toHaveLength(3);
    const byStatus = Object.fromEntries(posture.posture.overall.counts.byStatus.map((s) => [s.status, s.count]));
    expect(byStatus).toMatchObject({ IMPLEMENTED: 2, PLANNED: 2 });
    // Acme is left unsubscribed, for a procurement walk-through from scratch.
    const acme = await api.graphql(SeededSubscriptions, {}, { subject: 'c', organizationId: 'org-acme', roles: ['CUSTOMER_ADMIN'] });
    expect(dataOf(acme).subscriptions).toEqual([]);

    // Nimbus's SLA, and a month of monitoring from Nimbus's monitor and Globex's, which disagree a little.
    const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
    const sla = async (at: number, tier: string) =>
      dataOf(
        await api.graphql(SeededSla, { id: nimbus.id, month: monthOf(at), tier }, { subject: 'n', organizationId: 'org-nimbus', roles: ['PROVIDER_ADMIN'] }),
      ).cloudService!;
    const now = Date.now();
    const current = await sla(now, 'multi-zone');
    expect(current.currentContract!.commitments.availability!.targets.map((t) => [t.scope.tier, t.targetPercent])).toEqual([
      ['multi-zone', 99.99],
      ['single-zone', 99.9],
    ]);
    const [byNimbus, byGlobex] = current.slaReports;
    expect([byNimbus!.source.kind, byGlobex!.source.kind]).toEqual(['PROVIDER', 'CUSTOMER']);
    expect(byNimbus!.watchedMinutes).toBeGreaterThan(0);
    expect(byGlobex!.watchedMinutes).toBe(byNimbus!.watchedMinutes);
    // The security incident (60 hours ago) was notified after 30 hours against 24: listed 6 hours late
    // whenever its month is one Nimbus's contract applies to (not when the seed ran in a month's first days).
    const incidentMonth = await sla(now - 60 * 3_600_000, 'multi-zone');
    const reported = incidentMonth.slaReports[0]!;
    expect(reported.incidents.late.filter((l) => l.target === 'CUSTOMER_NOTIFICATION')).toEqual(
      reported.contractVersion === null ? [] : [{ id: 'incident-security-1', target: 'CUSTOMER_NOTIFICATION', lateMinutes: 360 }],
    );
    // Globex saw the outage 26 hours ago start 3 minutes earlier and end 3 minutes later.
    const outageMonth = (await sla(now - 26 * 3_600_000, 'multi-zone')).slaReports;
    expect([outageMonth[1]!.downtimeMinutes - outageMonth[0]!.downtimeMinutes, outageMonth[1]!.comparedWithProvider!.downOnlyHereMinutes]).toEqual([6, 6]);
  }, 120_000);
});
