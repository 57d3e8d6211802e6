import { createInProcessApi } from '../../dev/inProcessApi';
import type { Identity } from '../../dev/tokens';
import { graphql } from '../generated';
import type { ObligationFilter, ObligationsQuery } from '../generated/graphql';
import { acmeAuditor, seededDemo, type DemoLine, type DemoWorld } from '../helpers/demo';
import { captureLogs, requestLines } from '../helpers/logs';
import { allProblemPaths, dataOf, firstError, found, problemPaths } from '../helpers/results';
import { publish, setResponsibilities, startDraft, subscribedCustomer } from '../helpers/world';

// As a procurement integration would: customers subscribe to the seeded IaaS → PaaS → SaaS chain.
// Each test subscribes a customer organization of its own; a test in which Nimbus publishes a new
// version seeds a world of its own.
/** Time for a test that seeds a demo world of its own (a few seconds on a busy machine). */
const SEEDS_A_WORLD = 60_000;
const nimbusAdmin: Identity = { subject: 'nina', organizationId: 'org-nimbus', roles: ['PROVIDER_ADMIN'] };
const stratusAdmin: Identity = { subject: 'sam', organizationId: 'org-stratus', roles: ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN'] };

const Obligations = graphql(`
  query Obligations($filter: ObligationFilter) {
    inheritedObligations(filter: $filter) {
      counts {
        total
        byStatus {
          status
          count
        }
      }
      clauses {
        clause {
          number
        }
        counts {
          total
        }
        controls {
          control {
            id
          }
          obligations {
            id
            text
            ownership
            contractVersion
            service {
              id
            }
            tracking {
              status
              textChangedSinceRecorded
            }
          }
        }
      }
    }
  }
`);

const SubscribeWithTerms = graphql(`
  mutation SubscribeWithTerms($input: SubscribeInput!) {
    subscribe(input: $input) {
      service {
        name
      }
      pinnedVersion
      effectiveVersion
      acknowledgedVersion
      regions
    }
  }
`);

const Coverage = graphql(`
  query Coverage {
    coverage {
      totals {
        verdict
        count
      }
      controls {
        control {
          id
        }
        verdict
        obligations
        openObligations
        contributors {
          service {
            id
          }
          ownership
        }
      }
    }
  }
`);

const Performers = graphql(`
  query Performers {
    coverage {
      controls {
        control {
          id
        }
        contributors {
          service {
            id
          }
          ownership
          performedBy {
            customerActs
            performers {
              service {
                id
              }
              depth
              as
            }
          }
        }
      }
    }
  }
`);

const RecordStatus = graphql(`
  mutation RecordStatus($input: RecordObligationStatusInput!) {
    recordObligationStatus(input: $input) {
      status
      owner
      evidence {
        title
      }
      textChangedSinceRecorded
    }
  }
`);

const ChangeImpacts = graphql(`
  query ChangeImpacts {
    subscriptions {
      service {
        id
      }
      effectiveVersion
      acknowledgedVersion
      changeImpact {
        fromVersion
        toVersion
        changed
        obligationsAdded {
          control {
            id
          }
          obligation {
            text
          }
        }
        obligationsChanged {
          control {
            id
          }
          id
        }
        movedTowardCustomer {
          control {
            id
          }
          from
          to
        }
      }
    }
  }
`);

const Acknowledge = graphql(`
  mutation Acknowledge($id: ID!) {
    acknowledgeContractVersion(serviceId: $id) {
      acknowledgedVersion
      changeImpact {
        changed
      }
    }
  }
`);

const PostureFigures = graphql(`
  query PostureFigures {
    posture {
      overall {
        counts {
          total
          byStatus {
            status
            count
          }
        }
        implementedShare
      }
      byClause {
        clause {
          number
        }
        posture {
          implementedShare
        }
      }
    }
  }
`);

const NetworkControlOfDraft = graphql(`
  query NetworkControlOfDraft($id: ID!) {
    cloudService(id: $id) {
      draft {
        revision
        responsibilities(filter: { controlIds: ["13.1.1"] }) {
          ownership
          upstreamObligations {
            upstreamService {
              id
            }
            obligationId
            handling
            proposed
          }
        }
      }
    }
  }
`);

const PinVersion = graphql(`
  mutation PinVersion($id: ID!, $pinned: Int) {
    updateSubscription(serviceId: $id, input: { pinnedVersion: $pinned }) {
      pinnedVersion
      effectiveVersion
      effectiveContract {
        version
      }
    }
  }
`);

const SubscriptionsOf = graphql(`
  query SubscriptionsOf($org: ID) {
    subscriptions(customerOrganizationId: $org) {
      id
    }
  }
`);
const ObligationCountOf = graphql(`
  query ObligationCountOf($org: ID) {
    inheritedObligations(customerOrganizationId: $org) {
      counts {
        total
      }
    }
  }
`);
const CoverageCountOf = graphql(`
  query CoverageCountOf($org: ID) {
    coverage(customerOrganizationId: $org) {
      totals {
        count
      }
    }
  }
`);
const PostureOf = graphql(`
  query PostureOf($org: ID) {
    posture(customerOrganizationId: $org) {
      overall {
        implementedShare
      }
    }
  }
`);

const Screen = graphql(`
  query Screen {
    inheritedObligations {
      counts {
        total
      }
      clauses {
        controls {
          obligations {
            id
            service {
              name
            }
            tracking {
              status
            }
          }
        }
      }
    }
    coverage {
      totals {
        count
      }
    }
    posture {
      overall {
        implementedShare
      }
    }
  }
`);

const Compare = graphql(`
  query Compare($ids: [ID!]!) {
    compareServices(serviceIds: $ids) {
      services {
        service {
          name
        }
        serviceModel
        contractVersion
        burden {
          totalObligations
          byOwnership {
            ownership
            count
          }
        }
        sla {
          availabilityPercent
        }
      }
      differences {
        control {
          id
        }
        ownership {
          service {
            id
          }
          ownership
        }
      }
    }
  }
`);

type ObligationControls = ObligationsQuery['inheritedObligations']['clauses'][number]['controls'];
const NoNotice = graphql(`
  mutation CustomersNoNotice($id: ID!) {
    updateCloudService(id: $id, input: { changeNoticeDays: 0 }) {
      changeNoticeDays
    }
  }
`);

const allObligations = (result: ObligationsQuery) =>
  result.inheritedObligations.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations.map((o) => ({ ...o, control: k.control.id }))));
const obligationsAt = (controls: ObligationControls | undefined, controlId: string) =>
  found(controls ?? [], (c) => c.control.id === controlId, `control ${controlId}`).obligations;

/**
 * Nimbus publishes version 3: it keeps the first backup obligation's id with new wording, moves
 * 13.1.1 (network controls) to the customer, and adds an obligation.
 */
async function publishNimbusVersion3(world: DemoWorld, first: { id: string; text: string }) {
  const { api, ids, contracts } = world;
  // Version 3 moves work to subscribers; here it takes effect at once (notice: test/api/effectiveDates.test.ts).
  dataOf(await api.graphql(NoNotice, { id: ids.iaas }, nimbusAdmin));
  const draft = await startDraft(api, nimbusAdmin, ids.iaas, 'LATEST_VERSION');
  const backupLine = found(contracts[ids.iaas] ?? [], (l) => l.control.id === '12.3.1');
  const secondBackup = backupLine.customerObligations[1];
  if (!secondBackup) throw new Error('Nimbus version 2 has a second backup obligation');
  const saved = await setResponsibilities(api, nimbusAdmin, ids.iaas, draft.revision, [
    {
      controlId: '12.3.1',
      ownership: 'SHARED',
      customerObligations: [
        { id: first.id, text: `${first.text} Keep a record of each restore test.` },
        { id: secondBackup.id, text: secondBackup.text },
        { text: 'Encrypt backups you copy out of Nimbus with keys you control.' },
      ],
    },
    { controlId: '13.1.1', ownership: 'CUSTOMER', providerStatement: null, customerObligations: [{ text: 'Design and operate your own network controls.' }] },
  ]);
  expect(saved.json.errors).toBeUndefined();
  const published = await publish(api, nimbusAdmin, ids.iaas, dataOf(saved).setResponsibilities.revision, 'Version 3');
  expect(dataOf(published).publishContractDraft.version).toBe(3);
}

describe('customers inherit obligations from the services they subscribe to', () => {
  let demo: DemoWorld;

  beforeAll(async () => {
    demo = await seededDemo();
  }, SEEDS_A_WORLD);

  it('subscribes to the three services, following the latest version by default', async () => {
    const { api, ids } = demo;
    const { admin } = await subscribedCustomer(api, []);
    for (const key of ['iaas', 'paas', 'saas'] as const) {
      const res = await api.graphql(SubscribeWithTerms, { input: { serviceId: ids[key], regions: ['eu-west-1'], startDate: '2026-01-01' } }, admin);
      expect(res.json.errors).toBeUndefined();
      const subscription = dataOf(res).subscribe;
      expect(subscription).toMatchObject({ pinnedVersion: null, regions: ['eu-west-1'] });
      expect(subscription.acknowledgedVersion).toBe(subscription.effectiveVersion);
    }
    const again = await api.graphql(SubscribeWithTerms, { input: { serviceId: ids.iaas, startDate: '2026-01-01' } }, admin);
    expect(firstError(again).extensions.code).toBe('CONFLICT');
    const badRegion = await api.graphql(SubscribeWithTerms, { input: { serviceId: ids.iaas, regions: ['mars-1'], startDate: '2026-13-01' } }, stratusAdmin);
    // The schema refuses the impossible date first; with a real date, the domain refuses the region.
    expect(allProblemPaths(badRegion)).toEqual(['startDate']);
    const badRegionOnly = await api.graphql(SubscribeWithTerms, { input: { serviceId: ids.iaas, regions: ['mars-1'], startDate: '2026-12-01' } }, stratusAdmin);
    expect(problemPaths(badRegionOnly)).toEqual(['regions[0]']);
  });

  it('lists every obligation of every subscribed contract, matching an independent count from the published contracts', async () => {
    const { api, ids, contracts } = demo;
    const { auditor } = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
    const res = dataOf(await api.graphql(Obligations, {}, auditor));
    const expected = Object.values(contracts).flatMap((lines) => lines.flatMap((l) => l.customerObligations.map((o) => ({ control: l.control.id, id: o.id }))));
    const got = allObligations(res);
    expect(got).toHaveLength(expected.length);
    expect(new Set(got.map((o) => o.id))).toEqual(new Set(expected.map((o) => o.id)));
    expect(res.inheritedObligations.counts).toEqual({
      total: expected.length,
      byStatus: [
        { status: 'NOT_STARTED', count: expected.length },
        { status: 'PLANNED', count: 0 },
        { status: 'IMPLEMENTED', count: 0 },
        { status: 'NOT_APPLICABLE', count: 0 },
      ],
    });
    // Grouped by clause in catalogue order, with per-clause counts that add up.
    const clauses = res.inheritedObligations.clauses;
    expect(clauses.map((c) => Number(c.clause.number))).toEqual([...clauses.map((c) => Number(c.clause.number))].sort((a, b) => a - b));
    expect(clauses.reduce((sum, c) => sum + c.counts.total, 0)).toBe(expected.length);

    const backups = dataOf(await api.graphql(Obligations, { filter: { clause: '12', serviceIds: [ids.iaas], ownership: ['SHARED'] } }, auditor));
    const lines = obligationsAt(backups.inheritedObligations.clauses[0]?.controls, '12.3.1');
    expect(lines.map((o) => o.text)).toContain('Copy snapshots of critical volumes to a second region if you need to recover from a regional outage.');
    expect(lines.every((o) => o.service.id === ids.iaas && o.ownership === 'SHARED' && o.contractVersion === 2)).toBe(true);
  });

  it('gives one coverage verdict per control, matching the rule applied independently', async () => {
    const { api, ids, contracts } = demo;
    const { auditor } = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
    const coverage = dataOf(await api.graphql(Coverage, {}, auditor)).coverage;
    expect(coverage.controls).toHaveLength(121);
    const verdictOf = (controlId: string) => {
      const lines = Object.values(contracts)
        .map((ls) => ls.find((l) => l.control.id === controlId))
        .filter((l): l is DemoLine => l !== undefined);
      const applicable = lines.filter((l) => l.ownership !== 'NOT_APPLICABLE');
      if (!applicable.length) return 'NOT_APPLICABLE';
      if (applicable.every((l) => l.ownership === 'CUSTOMER')) return 'CUSTOMER_ONLY';
      const inherited = (l: DemoLine) =>
        ['PROVIDER', 'PROVIDER_VIA_UPSTREAM'].includes(l.ownership) && !l.customerObligations.length && l.status === 'IMPLEMENTED';
      if (applicable.every(inherited)) return 'FULLY_INHERITED';
      if (applicable.every((l) => inherited(l) || (l.ownership === 'CUSTOMER_CONFIGURED' && l.status === 'IMPLEMENTED'))) return 'CUSTOMER_CONFIGURED';
      return 'SHARED';
    };
    for (const control of coverage.controls) expect([control.control.id, control.verdict]).toEqual([control.control.id, verdictOf(control.control.id)]);
    const byId = (id: string) => found(coverage.controls, (c) => c.control.id === id, `control ${id}`);
    expect(byId('11.1.1').verdict).toBe('FULLY_INHERITED');
    expect(byId('11.1.1').contributors.map((c) => c.ownership)).toEqual(expect.arrayContaining(['PROVIDER', 'PROVIDER_VIA_UPSTREAM']));
    expect(byId('12.3.1').openObligations).toBe(byId('12.3.1').obligations);
    const total = coverage.totals.reduce((sum, t) => sum + t.count, 0);
    expect(total).toBe(121);
  });

  it('shows who actually performs a control down the supply chain', async () => {
    const { api, ids } = demo;
    const { auditor } = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
    const { controls } = dataOf(await api.graphql(Performers, {}, auditor)).coverage;
    const physical = found(controls, (c) => c.control.id === '11.1.1');
    const bySaas = found(physical.contributors, (c) => c.service.id === ids.saas);
    // Physical security of the SaaS is done by the IaaS two levels down.
    expect(bySaas).toEqual({
      service: { id: ids.saas },
      ownership: 'PROVIDER_VIA_UPSTREAM',
      performedBy: { customerActs: false, performers: [{ service: { id: ids.iaas }, depth: 2, as: 'PROVIDER' }] },
    });
    const data = found(found(controls, (c) => c.control.id === '12.3.1').contributors, (c) => c.service.id === ids.saas);
    expect(data.performedBy.customerActs).toBe(true);
  });

  it(
    'records statuses, keeps them across a provider’s new version, and shows the change impact',
    async () => {
      const world = await seededDemo();
      const { api, ids } = world;
      const { admin, auditor } = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
      const iaasBackups: ObligationFilter = { serviceIds: [ids.iaas], clause: '12' };
      const before = dataOf(await api.graphql(Obligations, { filter: iaasBackups }, admin));
      const [first, second] = obligationsAt(before.inheritedObligations.clauses[0]?.controls, '12.3.1');
      if (!first || !second) throw new Error('Nimbus asks for two backup obligations');
      const recorded = await api.graphql(
        RecordStatus,
        {
          input: {
            serviceId: ids.iaas,
            obligationId: first.id,
            status: 'IMPLEMENTED',
            owner: 'Platform team',
            evidence: [{ title: 'Restore test 2026-10', url: 'https://wiki.acme.example/restore' }],
          },
        },
        admin,
      );
      expect(dataOf(recorded).recordObligationStatus).toEqual({
        status: 'IMPLEMENTED',
        owner: 'Platform team',
        evidence: [{ title: 'Restore test 2026-10' }],
        textChangedSinceRecorded: false,
      });
      const noReason = await api.graphql(RecordStatus, { input: { serviceId: ids.iaas, obligationId: second.id, status: 'NOT_APPLICABLE' } }, admin);
      expect(firstError(noReason).extensions.code).toBe('BAD_USER_INPUT');
      const auditorWrite = await api.graphql(RecordStatus, { input: { serviceId: ids.iaas, obligationId: second.id, status: 'PLANNED' } }, auditor);
      expect(firstError(auditorWrite).extensions.code).toBe('FORBIDDEN');

      await publishNimbusVersion3(world, first);

      const impact = dataOf(await api.graphql(ChangeImpacts, {}, auditor));
      const iaas = found(impact.subscriptions, (s) => s.service.id === ids.iaas);
      expect(iaas).toMatchObject({ effectiveVersion: 3, acknowledgedVersion: 2 });
      expect(iaas.changeImpact).toMatchObject({ fromVersion: 2, toVersion: 3, changed: true });
      expect(iaas.changeImpact.obligationsAdded.map((o) => [o.control.id, o.obligation.text])).toEqual(
        expect.arrayContaining([['12.3.1', 'Encrypt backups you copy out of Nimbus with keys you control.']]),
      );
      expect(iaas.changeImpact.obligationsChanged).toEqual([{ control: { id: '12.3.1' }, id: first.id }]);
      expect(iaas.changeImpact.movedTowardCustomer).toEqual([{ control: { id: '13.1.1' }, from: 'CUSTOMER_CONFIGURED', to: 'CUSTOMER' }]);

      const after = dataOf(await api.graphql(Obligations, { filter: iaasBackups }, admin));
      const obligations = obligationsAt(after.inheritedObligations.clauses[0]?.controls, '12.3.1');
      expect(obligations.map((o) => [o.tracking.status, o.tracking.textChangedSinceRecorded, o.contractVersion])).toEqual([
        ['IMPLEMENTED', true, 3],
        ['NOT_STARTED', false, 3],
        ['NOT_STARTED', false, 3],
      ]);

      const ack = await api.graphql(Acknowledge, { id: ids.iaas }, admin);
      expect(dataOf(ack).acknowledgeContractVersion).toEqual({ acknowledgedVersion: 3, changeImpact: { changed: false } });

      const overall = dataOf(await api.graphql(PostureFigures, {}, auditor)).posture.overall;
      expect(found(overall.counts.byStatus, (s) => s.status === 'IMPLEMENTED').count).toBe(1);
      expect(overall.implementedShare).toBeCloseTo(1 / overall.counts.total);
    },
    SEEDS_A_WORLD,
  );

  it(
    "makes the PaaS's next contract account for the obligations the IaaS's new version puts on it",
    async () => {
      // Nimbus version 3 asks its customers to design their own network controls (13.1.1).
      const world = await seededDemo();
      const { api, ids, contracts } = world;
      const [firstBackup] = found(contracts[ids.iaas] ?? [], (l) => l.control.id === '12.3.1').customerObligations;
      if (!firstBackup) throw new Error('Nimbus version 2 has a backup obligation');
      await publishNimbusVersion3(world, firstBackup);

      const draft = await startDraft(api, stratusAdmin, ids.paas, 'LATEST_VERSION');
      // What version 3 newly asks (backup, network) arrives as proposals Stratus must confirm.
      expect(draft.problems.map((p) => [p.controlId, p.code])).toEqual([
        ['12.3.1', 'UNCONFIRMED_UPSTREAM_HANDLING'],
        ['13.1.1', 'UNCONFIRMED_UPSTREAM_HANDLING'],
      ]);
      const read = dataOf(await api.graphql(NetworkControlOfDraft, { id: ids.paas }, stratusAdmin));
      const network = read.cloudService.draft?.responsibilities[0];
      if (!network) throw new Error(`expected the draft's line for 13.1.1, got ${JSON.stringify(read)}`);
      expect(network.upstreamObligations).toEqual(
        expect.arrayContaining([expect.objectContaining({ upstreamService: { id: ids.iaas }, handling: 'PASSED_DOWN', proposed: true })]),
      );

      const saved = await setResponsibilities(api, stratusAdmin, ids.paas, draft.revision, [
        { controlId: '13.1.1', ownership: network.ownership, upstreamObligations: [] },
      ]);
      const { problems, revision } = dataOf(saved).setResponsibilities;
      // The line still carries the obligation that relayed it: both ends of the broken link are named.
      expect(problems.map((p) => [p.controlId, p.code])).toEqual([
        ['12.3.1', 'UNCONFIRMED_UPSTREAM_HANDLING'],
        ['13.1.1', 'RELAY_WITHOUT_PASS_DOWN'],
        ['13.1.1', 'UNACCOUNTED_UPSTREAM_OBLIGATION'],
      ]);
      expect(problems[1]?.message).toMatch(/of Nimbus Virtual Machines, which this line does not mark PASSED_DOWN/);
      expect(problems[2]?.message).toMatch(/Nimbus Virtual Machines/);
      const refused = await publish(api, stratusAdmin, ids.paas, revision);
      expect(firstError(refused).extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(firstError(refused).extensions.problems).toContainEqual(
        expect.objectContaining({ path: '13.1.1', controlId: '13.1.1', code: 'UNACCOUNTED_UPSTREAM_OBLIGATION' }),
      );
    },
    SEEDS_A_WORLD,
  );

  it('keeps a pinned subscription on its version', async () => {
    const { api, ids } = demo;
    const { admin, auditor } = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
    const pinned = await api.graphql(PinVersion, { id: ids.iaas, pinned: 1 }, admin);
    expect(dataOf(pinned).updateSubscription).toEqual({ pinnedVersion: 1, effectiveVersion: 1, effectiveContract: { version: 1 } });
    const obligations = dataOf(await api.graphql(Obligations, { filter: { serviceIds: [ids.iaas] } }, auditor));
    const versions = new Set(allObligations(obligations).map((o) => o.contractVersion));
    expect([...versions]).toEqual([1]);
  });

  it("refuses to show one customer's subscriptions or obligations to another organization", async () => {
    const { api, ids } = demo;
    const customer = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
    const other = { subject: 'spy', organizationId: 'org-stratus', roles: ['CUSTOMER_ADMIN' as const, 'AUDITOR' as const] };
    const org = customer.organizationId;
    for (const res of [
      await api.graphql(SubscriptionsOf, { org }, other),
      await api.graphql(ObligationCountOf, { org }, other),
      await api.graphql(CoverageCountOf, { org }, other),
      await api.graphql(PostureOf, { org }, other),
    ]) {
      expect(firstError(res).extensions.code).toBe('FORBIDDEN');
      expect(res.json.data).toBeNull();
    }
    const monitor = await api.graphql(SubscriptionsOf, {}, { subject: 'm', organizationId: org, roles: ['MONITOR'] });
    expect(firstError(monitor).extensions.code).toBe('FORBIDDEN');
  });

  it('answers the obligations, coverage and posture screen in three DynamoDB calls cold and two warm', async () => {
    const { api, ids, contracts, table } = demo;
    const { admin, auditor } = await subscribedCustomer(api, [ids.iaas, ids.paas, ids.saas]);
    // A tracked status lives in the same partition as the subscriptions.
    const [backup] = found(contracts[ids.iaas] ?? [], (l) => l.control.id === '12.3.1').customerObligations;
    if (!backup) throw new Error('Nimbus version 2 has a backup obligation');
    dataOf(await api.graphql(RecordStatus, { input: { serviceId: ids.iaas, obligationId: backup.id, status: 'IMPLEMENTED', owner: 'Platform team' } }, admin));
    // A new handler on the same table is a cold start; its request log line counts DynamoDB calls.
    const observed = await createInProcessApi(table.endpoint, table.tableName, { logLevel: 'INFO' });
    const { lines } = await captureLogs(async () => {
      await observed.graphql(Screen, {}, auditor);
      await observed.graphql(Screen, {}, auditor);
    });
    const [cold, warm] = requestLines(lines);
    // Cold: the customer's partition (subscriptions and statuses in one Query), one BatchGetItem of
    // the services, one of the contract versions. Warm: the versions come from memory.
    expect(cold).toMatchObject({ operationName: 'Screen', status: 200, dynamodbCalls: 3 });
    expect(warm).toMatchObject({ operationName: 'Screen', status: 200, dynamodbCalls: 2 });
  });

  it('compares services side by side for procurement', async () => {
    const { api, ids, contracts } = demo;
    const comparison = dataOf(await api.graphql(Compare, { ids: [ids.iaas, ids.paas, ids.saas] }, acmeAuditor)).compareServices;
    expect(comparison.services.map((s) => s.serviceModel)).toEqual(['IAAS', 'PAAS', 'SAAS']);
    // Nimbus states its SLA (the demo's 99.99 % multi-zone, 99.9 % single zone): the lowest target is the headline; the others state none.
    expect(comparison.services.map((s) => s.sla?.availabilityPercent ?? null)).toEqual([99.9, null, null]);
    const burden = (id: string) => (contracts[id] ?? []).reduce((n, l) => n + l.customerObligations.length, 0);
    expect(comparison.services[1]?.burden.totalObligations).toBe(burden(ids.paas));
    const differing = comparison.differences.map((d) => d.control.id);
    expect(differing).toContain('12.2.1');
    expect(differing).not.toContain('5.1.1');
    const tooFew = await api.graphql(Compare, { ids: [ids.iaas] }, acmeAuditor);
    expect(firstError(tooFew).extensions.code).toBe('BAD_USER_INPUT');
  });
});
