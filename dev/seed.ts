import { ErrorCode, OnusError } from '../src/domain/errors';
import type { Store } from '../src/store/store';
import { auditEvent } from '../src/domain/audit/event';
import type { Caller } from '../src/domain/identity/caller';
import { DEMO_IDENTITIES, DEMO_ORGANIZATIONS } from './demo';
import { DEMO_SERVICES, viaUpstream, type DemoService } from './demoContracts';
import type { InProcessApi } from './inProcessApi';
import type { Identity } from './tokens';
import { seedMonitoring } from './seedMonitoring';

// Demo data for npm start. Organizations get fixed ids (the demo tokens name them), so they are
// written through the store; everything else goes through the API itself, so demo contracts pass
// the same validation, transactions and audit trail as a vendor portal's. Running it again changes
// nothing: what exists is found and skipped.

export const SEED_CALLER: Caller = { subject: 'onus|seed', organizationId: null, roles: new Set(['PLATFORM_ADMIN']), name: 'Demo seed', email: null };

export interface SeedReport {
  created: string[];
  existing: string[];
}

async function call(api: InProcessApi, as: Identity, query: string, variables: Record<string, unknown>) {
  const result = await api.graphql(query, variables, as);
  if (result.json?.errors)
    throw new Error(
      `seed: ${result.json.errors.map((e: { message: string; extensions?: { problems?: unknown } }) => `${e.message}${e.extensions?.problems ? ` ${JSON.stringify(e.extensions.problems)}` : ''}`).join('; ')}`,
    );
  return result.json.data;
}

export async function seedDemoData(store: Store, api: InProcessApi, progress: (line: string) => void = () => undefined): Promise<SeedReport> {
  const report: SeedReport = { created: [], existing: [] };
  for (const org of DEMO_ORGANIZATIONS) {
    const event = auditEvent(
      SEED_CALLER,
      'organization.create',
      { type: 'Organization', id: org.id, organizationId: org.id },
      `created organization "${org.name}" (demo seed)`,
    );
    try {
      await store.commit({
        changes: [{ kind: 'organization.create', organization: { ...org, createdAt: new Date().toISOString() } }],
        audit: event,
        conflictMessage: `Organization ${org.id} exists`,
      });
      report.created.push(`organization ${org.name}`);
    } catch (error) {
      if (!(error instanceof OnusError && error.code === ErrorCode.CONFLICT)) throw error;
      report.existing.push(`organization ${org.name}`);
    }
  }
  progress(`  ${DEMO_ORGANIZATIONS.length} organizations`);

  const ids: Partial<Record<DemoService['key'], string>> = {};
  for (const demo of DEMO_SERVICES) {
    const admin: Identity = { subject: `onus|seed@${demo.providerOrganizationId}`, organizationId: demo.providerOrganizationId, roles: ['PROVIDER_ADMIN'] };
    const found = await call(
      api,
      admin,
      'query($p: ID!, $t: String!) { cloudServices(filter: { providerOrganizationId: $p, text: $t }) { edges { node { id name currentContract { version } } } } }',
      {
        p: demo.providerOrganizationId,
        t: demo.name,
      },
    );
    const existing = found.cloudServices.edges.map((e: any) => e.node).find((s: any) => s.name === demo.name);
    let serviceId: string = existing?.id;
    if (!existing) {
      const upstreamServiceIds = demo.upstream ? [ids[demo.upstream]!] : [];
      const { createCloudService } = await call(api, admin, 'mutation($input: CreateCloudServiceInput!) { createCloudService(input: $input) { id } }', {
        input: {
          name: demo.name,
          description: demo.description,
          serviceModel: demo.serviceModel,
          deploymentModel: 'PUBLIC',
          regions: demo.regions,
          certifications: demo.certifications,
          upstreamServiceIds,
        },
      });
      serviceId = createCloudService.id;
      report.created.push(`service ${demo.name}`);
    } else report.existing.push(`service ${demo.name}`);
    ids[demo.key] = serviceId;

    const published: number = existing?.currentContract?.version ?? 0;
    for (let v = published; v < demo.versions.length; v++) {
      const version = demo.versions[v]!;
      // A draft left by an interrupted seed is thrown away and the version built again.
      const { cloudService } = await call(api, admin, 'query($id: ID!) { cloudService(id: $id) { draft { revision } } }', { id: serviceId });
      if (cloudService.draft) {
        await call(api, admin, 'mutation($id: ID!, $rev: Int!) { discardContractDraft(serviceId: $id, revision: $rev) }', {
          id: serviceId,
          rev: cloudService.draft.revision,
        });
      }
      const { startContractDraft } = await call(
        api,
        admin,
        'mutation($id: ID!, $from: DraftSource!) { startContractDraft(serviceId: $id, from: $from) { revision } }',
        {
          id: serviceId,
          from: v === 0 ? 'TEMPLATE' : 'LATEST_VERSION',
        },
      );
      let revision: number = startContractDraft.revision;
      const upstreamName = demo.upstream ? DEMO_SERVICES.find((s) => s.key === demo.upstream)!.name : null;
      const lines = [...(v === 0 && demo.upstream ? viaUpstream(ids[demo.upstream]!, upstreamName!) : []), ...version.lines];
      if (lines.length) {
        const { setResponsibilities } = await call(
          api,
          admin,
          'mutation($id: ID!, $rev: Int!, $r: [ResponsibilityInput!]!) { setResponsibilities(serviceId: $id, revision: $rev, responsibilities: $r) { revision } }',
          {
            id: serviceId,
            rev: revision,
            r: lines,
          },
        );
        revision = setResponsibilities.revision;
      }
      if (version.commitments) {
        const { setCommitments } = await call(
          api,
          admin,
          'mutation($id: ID!, $rev: Int!, $c: CommitmentsInput!) { setCommitments(serviceId: $id, revision: $rev, commitments: $c) { revision problems { code message } } }',
          { id: serviceId, rev: revision, c: version.commitments },
        );
        if (setCommitments.problems.length) throw new Error(`seed: commitments of ${demo.name}: ${JSON.stringify(setCommitments.problems)}`);
        revision = setCommitments.revision;
      }
      if (demo.upstream) {
        // Lines the demo sets replace their customer obligations: re-running the accounting relays the
        // upstream duties they pass down again, as proposals.
        const { reaccountContractDraft } = await call(
          api,
          admin,
          'mutation($id: ID!, $rev: Int!) { reaccountContractDraft(serviceId: $id, revision: $rev) { revision } }',
          { id: serviceId, rev: revision },
        );
        revision = reaccountContractDraft.revision;
        // The demo provider has read Onus's proposals for its upstream's obligations and accepts them.
        const { confirmUpstreamHandlings } = await call(
          api,
          admin,
          'mutation($id: ID!, $rev: Int!) { confirmUpstreamHandlings(serviceId: $id, revision: $rev) { revision } }',
          { id: serviceId, rev: revision },
        );
        revision = confirmUpstreamHandlings.revision;
      }
      await call(
        api,
        admin,
        'mutation($id: ID!, $rev: Int!, $note: String!) { publishContractDraft(serviceId: $id, revision: $rev, changeNote: $note) { version } }',
        {
          id: serviceId,
          rev: revision,
          note: version.changeNote,
        },
      );
      report.created.push(`${demo.name} contract version ${v + 1}`);
      progress(`  ${demo.name}: published contract version ${v + 1}`);
    }
  }
  await seedSubscriptions(api, Object.values(ids), report);
  progress('  Globex Logistics subscribed to all three services');
  const monitoring = await seedMonitoring(api, ids.iaas!, call);
  report[monitoring].push('monitoring of Nimbus Virtual Machines (30 days, Nimbus and Globex monitors)');
  progress('  Nimbus Virtual Machines: 30 days of monitoring from the Nimbus and Globex monitors');
  return report;
}

/** Globex uses the whole chain and has started on its obligations, so the customer views show something. */
async function seedSubscriptions(api: InProcessApi, serviceIds: string[], report: SeedReport): Promise<void> {
  const globex = DEMO_IDENTITIES.subscribedCustomer!;
  const { subscriptions } = await call(api, globex, '{ subscriptions { service { id } } }', {});
  const subscribed = new Set(subscriptions.map((s: { service: { id: string } }) => s.service.id));
  for (const serviceId of serviceIds) {
    if (subscribed.has(serviceId)) {
      report.existing.push(`subscription ${serviceId}`);
      continue;
    }
    await call(api, globex, 'mutation($input: SubscribeInput!) { subscribe(input: $input) { id } }', {
      input: { serviceId, regions: ['eu-west-1'], startDate: '2026-01-01' },
    });
    report.created.push(`subscription ${serviceId}`);
  }
  if (subscribed.size) return;
  const { inheritedObligations } = await call(
    api,
    globex,
    '{ inheritedObligations(filter: { clause: "12" }) { clauses { controls { obligations { id service { id } } } } } }',
    {},
  );
  const obligations = inheritedObligations.clauses.flatMap((c: any) => c.controls.flatMap((k: any) => k.obligations)).slice(0, 4);
  for (const [i, o] of obligations.entries()) {
    await call(api, globex, 'mutation($input: RecordObligationStatusInput!) { recordObligationStatus(input: $input) { status } }', {
      input: { serviceId: o.service.id, obligationId: o.id, status: i % 2 ? 'PLANNED' : 'IMPLEMENTED', owner: 'Globex platform team' },
    });
  }
}
