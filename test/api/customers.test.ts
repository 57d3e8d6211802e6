import { createInProcessApi, type InProcessApi } from '../../dev/inProcessApi';
import { seedDemoData } from '../../dev/seed';
import type { Identity } from '../../dev/tokens';
import { createDocumentClient } from '../../src/store/client';
import { Store } from '../../src/store/store';
import { freshTable } from '../helpers/localDatabase';
import { captureLogs, requestLines } from '../helpers/logs';
import { publish, setResponsibilities, startDraft } from '../helpers/world';

// As a procurement integration would: Acme Retail subscribes to the seeded IaaS → PaaS → SaaS chain.
const acmeAdmin: Identity = { subject: 'carla', organizationId: 'org-acme', roles: ['CUSTOMER_ADMIN'] };
const acmeAuditor: Identity = { subject: 'audrey', organizationId: 'org-acme', roles: ['AUDITOR'] };
const nimbusAdmin: Identity = { subject: 'nina', organizationId: 'org-nimbus', roles: ['PROVIDER_ADMIN'] };
const stratusAdmin: Identity = { subject: 'sam', organizationId: 'org-stratus', roles: ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN'] };

const OBLIGATIONS = `query Obligations($filter: ObligationFilter) { inheritedObligations(filter: $filter) {
  counts { total byStatus { status count } }
  clauses { clause { number } counts { total } controls { control { id } obligations { id text ownership contractVersion service { id } tracking { status textChangedSinceRecorded } } } } } }`;

describe('customers inherit obligations from the services they subscribe to', () => {
  let api: InProcessApi;
  let table: { endpoint: string; tableName: string };
  const ids: Record<'iaas' | 'paas' | 'saas', string> = { iaas: '', paas: '', saas: '' };
  const contracts: Record<string, any[]> = {};

  beforeAll(async () => {
    table = await freshTable('customers');
    const { endpoint, tableName } = table;
    const store = new Store(createDocumentClient({ region: 'us-east-1', endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 }), tableName);
    api = await createInProcessApi(endpoint, tableName);
    await seedDemoData(store, api);
    const services = await api.graphql('{ cloudServices { edges { node { id serviceModel currentContract { responsibilities { control { id clause { number } } ownership status customerObligations { id text } } } } } } }', {}, acmeAuditor);
    for (const { node } of services.json.data.cloudServices.edges) {
      const key = ({ IAAS: 'iaas', PAAS: 'paas', SAAS: 'saas' } as const)[node.serviceModel as 'IAAS'];
      ids[key] = node.id;
      contracts[node.id] = node.currentContract.responsibilities;
    }
  });

  const call = async (query: string, variables: Record<string, unknown>, as: Identity) => (await api.graphql(query, variables, as)).json;

  it('subscribes to the three services, following the latest version by default', async () => {
    for (const key of ['iaas', 'paas', 'saas'] as const) {
      const res = await call('mutation($input: SubscribeInput!) { subscribe(input: $input) { service { name } pinnedVersion effectiveVersion acknowledgedVersion regions } }', {
        input: { serviceId: ids[key], regions: ['eu-west-1'], startDate: '2026-01-01' },
      }, acmeAdmin);
      expect(res.errors).toBeUndefined();
      expect(res.data.subscribe).toMatchObject({ pinnedVersion: null, regions: ['eu-west-1'] });
      expect(res.data.subscribe.acknowledgedVersion).toBe(res.data.subscribe.effectiveVersion);
    }
    const again = await call('mutation($input: SubscribeInput!) { subscribe(input: $input) { id } }', { input: { serviceId: ids.iaas, startDate: '2026-01-01' } }, acmeAdmin);
    expect(again.errors[0].extensions.code).toBe('CONFLICT');
    const badRegion = await call('mutation($input: SubscribeInput!) { subscribe(input: $input) { id } }', { input: { serviceId: ids.iaas, regions: ['mars-1'], startDate: '2026-13-01' } }, stratusAdmin);
    expect(badRegion.errors[0].extensions.problems.map((p: any) => p.path)).toEqual(['regions[0]', 'startDate']);
  });

  it('lists every obligation of every subscribed contract, matching an independent count from the published contracts', async () => {
    const res = await call(OBLIGATIONS, {}, acmeAuditor);
    const expected = Object.values(contracts).flatMap((lines) => lines.flatMap((l: any) => l.customerObligations.map((o: any) => ({ control: l.control.id, id: o.id }))));
    const got = res.data.inheritedObligations.clauses.flatMap((c: any) => c.controls.flatMap((k: any) => k.obligations.map((o: any) => ({ control: k.control.id, id: o.id }))));
    expect(got).toHaveLength(expected.length);
    expect(new Set(got.map((o: any) => o.id))).toEqual(new Set(expected.map((o) => o.id)));
    expect(res.data.inheritedObligations.counts).toEqual({ total: expected.length, byStatus: [
      { status: 'NOT_STARTED', count: expected.length }, { status: 'PLANNED', count: 0 }, { status: 'IMPLEMENTED', count: 0 }, { status: 'NOT_APPLICABLE', count: 0 },
    ] });
    // Grouped by clause in catalogue order, with per-clause counts that add up.
    const clauses = res.data.inheritedObligations.clauses;
    expect(clauses.map((c: any) => Number(c.clause.number))).toEqual([...clauses.map((c: any) => Number(c.clause.number))].sort((a, b) => a - b));
    expect(clauses.reduce((sum: number, c: any) => sum + c.counts.total, 0)).toBe(expected.length);

    const backups = await call(OBLIGATIONS, { filter: { clause: '12', serviceIds: [ids.iaas], ownership: ['SHARED'] } }, acmeAuditor);
    const lines = backups.data.inheritedObligations.clauses[0].controls.find((c: any) => c.control.id === '12.3.1').obligations;
    expect(lines.map((o: any) => o.text)).toContain('Copy snapshots of critical volumes to a second region if you need to recover from a regional outage.');
    expect(lines.every((o: any) => o.service.id === ids.iaas && o.ownership === 'SHARED' && o.contractVersion === 2)).toBe(true);
  });

  it('gives one coverage verdict per control, matching the rule applied independently', async () => {
    const res = await call('{ coverage { totals { verdict count } controls { control { id } verdict obligations openObligations contributors { service { id } ownership } } } }', {}, acmeAuditor);
    const coverage = res.data.coverage;
    expect(coverage.controls).toHaveLength(121);
    const verdictOf = (controlId: string) => {
      const lines = Object.values(contracts).map((ls) => ls.find((l: any) => l.control.id === controlId)).filter(Boolean);
      const applicable = lines.filter((l: any) => l.ownership !== 'NOT_APPLICABLE');
      if (!applicable.length) return 'NOT_APPLICABLE';
      if (applicable.every((l: any) => l.ownership === 'CUSTOMER')) return 'CUSTOMER_ONLY';
      const inherited = (l: any) => ['PROVIDER', 'PROVIDER_VIA_UPSTREAM'].includes(l.ownership) && !l.customerObligations.length && l.status === 'IMPLEMENTED';
      if (applicable.every(inherited)) return 'FULLY_INHERITED';
      if (applicable.every((l: any) => inherited(l) || (l.ownership === 'CUSTOMER_CONFIGURED' && l.status === 'IMPLEMENTED'))) return 'CUSTOMER_CONFIGURED';
      return 'SHARED';
    };
    for (const control of coverage.controls) expect([control.control.id, control.verdict]).toEqual([control.control.id, verdictOf(control.control.id)]);
    const byId = Object.fromEntries(coverage.controls.map((c: any) => [c.control.id, c]));
    expect(byId['11.1.1'].verdict).toBe('FULLY_INHERITED');
    expect(byId['11.1.1'].contributors.map((c: any) => c.ownership)).toEqual(expect.arrayContaining(['PROVIDER', 'PROVIDER_VIA_UPSTREAM']));
    expect(byId['12.3.1'].openObligations).toBe(byId['12.3.1'].obligations);
    const total = coverage.totals.reduce((sum: number, t: any) => sum + t.count, 0);
    expect(total).toBe(121);
  });

  it('shows who actually performs a control down the supply chain', async () => {
    const res = await call('{ coverage { controls { control { id } contributors { service { id } ownership performedBy { customerActs performers { service { id } depth as } } } } } }', {}, acmeAuditor);
    const physical = res.data.coverage.controls.find((c: any) => c.control.id === '11.1.1');
    const bySaas = physical.contributors.find((c: any) => c.service.id === ids.saas);
    // Physical security of the SaaS is done by the IaaS two levels down.
    expect(bySaas).toEqual({
      service: { id: ids.saas },
      ownership: 'PROVIDER_VIA_UPSTREAM',
      performedBy: { customerActs: false, performers: [{ service: { id: ids.iaas }, depth: 2, as: 'PROVIDER' }] },
    });
    const data = res.data.coverage.controls.find((c: any) => c.control.id === '12.3.1').contributors.find((c: any) => c.service.id === ids.saas);
    expect(data.performedBy.customerActs).toBe(true);
  });

  it('records statuses, keeps them across a provider’s new version, and shows the change impact', async () => {
    const before = await call(OBLIGATIONS, { filter: { serviceIds: [ids.iaas], clause: '12' } }, acmeAdmin);
    const backup = before.data.inheritedObligations.clauses[0].controls.find((c: any) => c.control.id === '12.3.1').obligations;
    const [first, second] = backup;
    const recorded = await call('mutation($input: RecordObligationStatusInput!) { recordObligationStatus(input: $input) { status owner evidence { title } textChangedSinceRecorded } }', {
      input: { serviceId: ids.iaas, obligationId: first.id, status: 'IMPLEMENTED', owner: 'Platform team', evidence: [{ title: 'Restore test 2026-10', url: 'https://wiki.acme.example/restore' }] },
    }, acmeAdmin);
    expect(recorded.data.recordObligationStatus).toEqual({ status: 'IMPLEMENTED', owner: 'Platform team', evidence: [{ title: 'Restore test 2026-10' }], textChangedSinceRecorded: false });
    const noReason = await call('mutation($input: RecordObligationStatusInput!) { recordObligationStatus(input: $input) { status } }', { input: { serviceId: ids.iaas, obligationId: second.id, status: 'NOT_APPLICABLE' } }, acmeAdmin);
    expect(noReason.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const auditorWrite = await call('mutation($input: RecordObligationStatusInput!) { recordObligationStatus(input: $input) { status } }', { input: { serviceId: ids.iaas, obligationId: second.id, status: 'PLANNED' } }, acmeAuditor);
    expect(auditorWrite.errors[0].extensions.code).toBe('FORBIDDEN');

    // Nimbus publishes version 3: keeps the first backup obligation's id with new wording, moves 13.1.1 to the customer, adds an obligation.
    const draft = await startDraft(api, nimbusAdmin, ids.iaas, 'LATEST_VERSION');
    const v2 = contracts[ids.iaas]!;
    const backupLine = v2.find((l: any) => l.control.id === '12.3.1');
    const saved = await setResponsibilities(api, nimbusAdmin, ids.iaas, draft.revision, [
      {
        controlId: '12.3.1',
        ownership: 'SHARED',
        customerObligations: [
          { id: first.id, text: `${first.text} Keep a record of each restore test.` },
          { id: backupLine.customerObligations[1].id, text: backupLine.customerObligations[1].text },
          { text: 'Encrypt backups you copy out of Nimbus with keys you control.' },
        ],
      },
      { controlId: '13.1.1', ownership: 'CUSTOMER', providerStatement: null, customerObligations: [{ text: 'Design and operate your own network controls.' }] },
    ]);
    expect(saved.json.errors).toBeUndefined();
    const published = await publish(api, nimbusAdmin, ids.iaas, saved.json.data.setResponsibilities.revision, 'Version 3');
    expect(published.json.data.publishContractDraft.version).toBe(3);

    const impact = await call(`{ subscriptions { service { id } effectiveVersion acknowledgedVersion changeImpact { fromVersion toVersion changed
        obligationsAdded { control { id } obligation { text } } obligationsChanged { control { id } id } movedTowardCustomer { control { id } from to } } } }`, {}, acmeAuditor);
    const iaas = impact.data.subscriptions.find((s: any) => s.service.id === ids.iaas);
    expect(iaas).toMatchObject({ effectiveVersion: 3, acknowledgedVersion: 2 });
    expect(iaas.changeImpact).toMatchObject({ fromVersion: 2, toVersion: 3, changed: true });
    expect(iaas.changeImpact.obligationsAdded.map((o: any) => [o.control.id, o.obligation.text])).toEqual(expect.arrayContaining([['12.3.1', 'Encrypt backups you copy out of Nimbus with keys you control.']]));
    expect(iaas.changeImpact.obligationsChanged).toEqual([{ control: { id: '12.3.1' }, id: first.id }]);
    expect(iaas.changeImpact.movedTowardCustomer).toEqual([{ control: { id: '13.1.1' }, from: 'CUSTOMER_CONFIGURED', to: 'CUSTOMER' }]);

    const after = await call(OBLIGATIONS, { filter: { serviceIds: [ids.iaas], clause: '12' } }, acmeAdmin);
    const obligations = after.data.inheritedObligations.clauses[0].controls.find((c: any) => c.control.id === '12.3.1').obligations;
    expect(obligations.map((o: any) => [o.tracking.status, o.tracking.textChangedSinceRecorded, o.contractVersion])).toEqual([
      ['IMPLEMENTED', true, 3],
      ['NOT_STARTED', false, 3],
      ['NOT_STARTED', false, 3],
    ]);

    const ack = await call('mutation($id: ID!) { acknowledgeContractVersion(serviceId: $id) { acknowledgedVersion changeImpact { changed } } }', { id: ids.iaas }, acmeAdmin);
    expect(ack.data.acknowledgeContractVersion).toEqual({ acknowledgedVersion: 3, changeImpact: { changed: false } });

    const posture = await call('{ posture { overall { counts { total byStatus { status count } } implementedShare } byClause { clause { number } posture { implementedShare } } } }', {}, acmeAuditor);
    const overall = posture.data.posture.overall;
    expect(overall.counts.byStatus.find((s: any) => s.status === 'IMPLEMENTED').count).toBe(1);
    expect(overall.implementedShare).toBeCloseTo(1 / overall.counts.total);
  });

  it("makes the PaaS's next contract account for the obligations the IaaS's new version puts on it", async () => {
    // Nimbus version 3 (previous test) asks its customers to design their own network controls (13.1.1).
    const draft = await startDraft(api, stratusAdmin, ids.paas, 'LATEST_VERSION');
    expect(draft.problems).toEqual([]);
    const line = async () =>
      (await call('query($id: ID!) { cloudService(id: $id) { draft { revision responsibilities(filter: { controlIds: ["13.1.1"] }) { ownership upstreamObligations { upstreamService { id } obligationId handling } } } } }', { id: ids.paas }, stratusAdmin)).data.cloudService.draft;
    const network = (await line()).responsibilities[0];
    expect(network.upstreamObligations).toEqual(expect.arrayContaining([expect.objectContaining({ upstreamService: { id: ids.iaas }, handling: 'PASSED_DOWN' })]));

    const saved = await setResponsibilities(api, stratusAdmin, ids.paas, draft.revision, [{ controlId: '13.1.1', ownership: network.ownership, upstreamObligations: [] }]);
    const problems = saved.json.data.setResponsibilities.problems;
    expect(problems.map((p: any) => [p.controlId, p.code])).toEqual([['13.1.1', 'UNACCOUNTED_UPSTREAM_OBLIGATION']]);
    expect(problems[0].message).toMatch(/Nimbus Virtual Machines/);
    const refused = await publish(api, stratusAdmin, ids.paas, saved.json.data.setResponsibilities.revision);
    expect(refused.json.errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '13.1.1', code: 'UNACCOUNTED_UPSTREAM_OBLIGATION' }] });
    await call('mutation($id: ID!, $rev: Int!) { discardContractDraft(serviceId: $id, revision: $rev) }', { id: ids.paas, rev: saved.json.data.setResponsibilities.revision }, stratusAdmin);
  });

  it('keeps a pinned subscription on its version', async () => {
    const pinned = await call('mutation($id: ID!) { updateSubscription(serviceId: $id, input: { pinnedVersion: 1 }) { pinnedVersion effectiveVersion effectiveContract { version } } }', { id: ids.iaas }, acmeAdmin);
    expect(pinned.data.updateSubscription).toEqual({ pinnedVersion: 1, effectiveVersion: 1, effectiveContract: { version: 1 } });
    const obligations = await call(OBLIGATIONS, { filter: { serviceIds: [ids.iaas] } }, acmeAuditor);
    const versions = new Set(obligations.data.inheritedObligations.clauses.flatMap((c: any) => c.controls.flatMap((k: any) => k.obligations.map((o: any) => o.contractVersion))));
    expect([...versions]).toEqual([1]);
    await call('mutation($id: ID!) { updateSubscription(serviceId: $id, input: { pinnedVersion: null }) { pinnedVersion } }', { id: ids.iaas }, acmeAdmin);
  });

  it("refuses to show one customer's subscriptions or obligations to another organization", async () => {
    const other = { subject: 'spy', organizationId: 'org-stratus', roles: ['CUSTOMER_ADMIN' as const, 'AUDITOR' as const] };
    for (const query of ['{ subscriptions(customerOrganizationId: "org-acme") { id } }', '{ inheritedObligations(customerOrganizationId: "org-acme") { counts { total } } }', '{ coverage(customerOrganizationId: "org-acme") { totals { count } } }', '{ posture(customerOrganizationId: "org-acme") { overall { implementedShare } } }']) {
      const res = await call(query, {}, other);
      expect(res.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    const monitor = await call('{ subscriptions { id } }', {}, { subject: 'm', organizationId: 'org-acme', roles: ['MONITOR'] });
    expect(monitor.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('answers the obligations, coverage and posture screen in three DynamoDB calls cold and two warm', async () => {
    // A new handler on the same table is a cold start; its request log line counts DynamoDB calls.
    const observed = await createInProcessApi(table.endpoint, table.tableName, { logLevel: 'INFO' });
    const screen = 'query Screen { inheritedObligations { counts { total } clauses { controls { obligations { id service { name } tracking { status } } } } } coverage { totals { count } } posture { overall { implementedShare } } }';
    const { lines } = await captureLogs(async () => {
      await observed.graphql(screen, {}, acmeAuditor);
      await observed.graphql(screen, {}, acmeAuditor);
    });
    const [cold, warm] = requestLines(lines);
    // Cold: the customer's partition (subscriptions and statuses in one Query), one BatchGetItem of
    // the services, one of the contract versions. Warm: the versions come from memory.
    expect(cold).toMatchObject({ operationName: 'Screen', status: 200, dynamodbCalls: 3 });
    expect(warm).toMatchObject({ operationName: 'Screen', status: 200, dynamodbCalls: 2 });
  });

  it('compares services side by side for procurement', async () => {
    const res = await call('query($ids: [ID!]!) { compareServices(serviceIds: $ids) { services { service { name } serviceModel contractVersion burden { totalObligations byOwnership { ownership count } } sla { availabilityPercent } } differences { control { id } ownership { service { id } ownership } } } }', { ids: [ids.iaas, ids.paas, ids.saas] }, acmeAuditor);
    const comparison = res.data.compareServices;
    expect(comparison.services.map((s: any) => s.serviceModel)).toEqual(['IAAS', 'PAAS', 'SAAS']);
    expect(comparison.services.every((s: any) => s.sla === null)).toBe(true);
    const burden = (id: string) => contracts[id]!.reduce((n: number, l: any) => n + l.customerObligations.length, 0);
    expect(comparison.services[1].burden.totalObligations).toBe(burden(ids.paas));
    const differing = comparison.differences.map((d: any) => d.control.id);
    expect(differing).toContain('12.2.1');
    expect(differing).not.toContain('5.1.1');
    const tooFew = await call('query($ids: [ID!]!) { compareServices(serviceIds: $ids) { differences { control { id } } } }', { ids: [ids.iaas] }, acmeAuditor);
    expect(tooFew.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
