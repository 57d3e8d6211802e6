import { createTestApi, type TestApi } from '../helpers/api';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft } from '../helpers/world';

describe('a provider publishes a versioned shared-responsibility contract', () => {
  let api: TestApi;
  let nimbus: string;
  let rival: string;
  let serviceId: string;
  const admin = () => providerAdmin(nimbus);

  beforeAll(async () => {
    api = await createTestApi();
    nimbus = await createOrganization(api, 'Nimbus Compute', ['PROVIDER']);
    rival = await createOrganization(api, 'Rival Cloud', ['PROVIDER']);
    serviceId = await createService(api, admin(), {
      name: 'Nimbus VMs',
      serviceModel: 'IAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1', 'us-east-1'],
      certifications: [{ kind: 'ISO_27017', issuer: 'BSI', expiresOn: '2099-01-31' }],
    });
  });

  const draftOf = async (as = admin()) =>
    api.graphql('query($id: ID!) { cloudService(id: $id) { draft { revision responsibilities { control { id } ownership customerObligations { id text } } } } }', { id: serviceId }, as);

  it('starts a draft from the IaaS template covering all 121 controls, publishable as is', async () => {
    const draft = await startDraft(api, admin(), serviceId);
    expect(draft).toMatchObject({ revision: 1, basedOnVersion: null, problems: [] });
    const read = await draftOf();
    const lines = read.json.data.cloudService.draft.responsibilities;
    expect(lines).toHaveLength(121);
    const byId = Object.fromEntries(lines.map((l: any) => [l.control.id, l.ownership]));
    expect(byId['11.1.1']).toBe('PROVIDER');
    expect(byId['12.2.1']).toBe('CUSTOMER');
    expect(byId['12.3.1']).toBe('CUSTOMER');
  });

  it('refuses a second draft while one exists (CONFLICT)', async () => {
    const result = await api.graphql('mutation($id: ID!) { startContractDraft(serviceId: $id, from: TEMPLATE) { revision } }', { id: serviceId }, admin());
    expect(result.json.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('refuses to publish an incomplete draft, listing exactly what to fix, and writes nothing', async () => {
    const saved = await setResponsibilities(api, admin(), serviceId, 1, [
      { controlId: '12.3.1', ownership: 'SHARED', providerStatement: null, customerObligations: [] },
      { controlId: '8.3.1', ownership: 'NOT_APPLICABLE', providerStatement: null, customerObligations: [], justification: null },
      { controlId: 'CLD.9.5.1', ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'not-an-upstream' },
    ]);
    expect(saved.json.errors).toBeUndefined();
    const draft = saved.json.data.setResponsibilities;
    expect(draft.revision).toBe(2);
    expect(draft.problems.map((p: any) => [p.controlId, p.code])).toEqual([
      ['8.3.1', 'MISSING_JUSTIFICATION'],
      ['CLD.9.5.1', 'UNDECLARED_UPSTREAM'],
      ['12.3.1', 'MISSING_OBLIGATION'],
      ['12.3.1', 'MISSING_PROVIDER_STATEMENT'],
    ].sort((a, b) => draft.problems.findIndex((p: any) => p.controlId === a[0] && p.code === a[1]) - draft.problems.findIndex((p: any) => p.controlId === b[0] && p.code === b[1])));
    expect(draft.problems).toHaveLength(4);

    const refused = await publish(api, admin(), serviceId, 2);
    const [error] = refused.json.errors;
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
    expect(error.extensions.problems).toHaveLength(4);
    expect(error.extensions.problems).toContainEqual(expect.objectContaining({ path: '12.3.1', code: 'MISSING_OBLIGATION' }));
    const service = await api.graphql('query($id: ID!) { cloudService(id: $id) { currentContract { version } contractVersions { version } } }', { id: serviceId }, admin());
    expect(service.json.data.cloudService).toEqual({ currentContract: null, contractVersions: [] });
  });

  it('completes the draft and publishes version 1; the draft is gone', async () => {
    const fixed = await setResponsibilities(api, admin(), serviceId, 2, [
      { controlId: '12.3.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Back up your volumes with snapshots and test restores.' }] },
      { controlId: '8.3.1', ownership: 'NOT_APPLICABLE', justification: 'No removable media is used in the service.' },
      { controlId: 'CLD.9.5.1', ownership: 'PROVIDER', providerStatement: 'Hypervisor isolation separates tenants.', upstreamServiceId: null },
    ]);
    expect(fixed.json.data.setResponsibilities).toMatchObject({ revision: 3, problems: [] });
    const published = await publish(api, admin(), serviceId, 3, 'First contract');
    expect(published.json.data.publishContractDraft).toEqual({ version: 1, status: 'CURRENT' });
    expect((await draftOf()).json.data.cloudService.draft).toBeNull();
  });

  it('publishes a change as version 2, supersedes version 1 and shows the diff', async () => {
    const draft = await startDraft(api, admin(), serviceId, 'LATEST_VERSION');
    expect(draft).toMatchObject({ revision: 1, basedOnVersion: 1 });
    const v1 = await api.graphql('query($id: ID!) { cloudService(id: $id) { contractVersion(version: 1) { responsibilities(filter: { controlIds: ["12.3.1"] }) { customerObligations { id text } } } } }', { id: serviceId }, admin());
    const backupObligation = v1.json.data.cloudService.contractVersion.responsibilities[0].customerObligations[0];
    await setResponsibilities(api, admin(), serviceId, 1, [
      {
        controlId: '12.3.1',
        ownership: 'SHARED',
        providerStatement: 'Nimbus snapshots every volume daily and keeps snapshots 30 days.',
        customerObligations: [{ id: backupObligation.id, text: backupObligation.text }, { text: 'Copy critical snapshots to a second region.' }],
      },
      { controlId: '11.1.1', ownership: 'PROVIDER', providerStatement: 'Data centres are fenced, guarded and badge-controlled.' },
    ]);
    const published = await publish(api, admin(), serviceId, 2, 'Backups now shared');
    expect(published.json.data.publishContractDraft).toEqual({ version: 2, status: 'CURRENT' });

    const versions = await api.graphql('query($id: ID!) { cloudService(id: $id) { currentContract { version } contractVersions { version status changeNote } } }', { id: serviceId }, admin());
    expect(versions.json.data.cloudService).toEqual({
      currentContract: { version: 2 },
      contractVersions: [
        { version: 2, status: 'CURRENT', changeNote: 'Backups now shared' },
        { version: 1, status: 'SUPERSEDED', changeNote: 'First contract' },
      ],
    });

    const diff = await api.graphql(
      `query($id: ID!) { contractDiff(serviceId: $id, fromVersion: 1, toVersion: 2) {
        summary { controls ownershipChanges movedTowardProvider obligationsAdded obligationsRemoved }
        controls { controlId change ownershipChanged { from to shift } providerStatementChanged obligationsAdded { text } obligationsRemoved { id } } } }`,
      { id: serviceId },
      { subject: 'someone', organizationId: rival, roles: ['AUDITOR'] },
    );
    const body = diff.json.data.contractDiff;
    expect(body.summary).toEqual({ controls: 2, ownershipChanges: 1, movedTowardProvider: 1, obligationsAdded: 1, obligationsRemoved: 0 });
    const backup = body.controls.find((c: any) => c.controlId === '12.3.1');
    expect(backup).toEqual({
      controlId: '12.3.1',
      change: 'CHANGED',
      ownershipChanged: { from: 'CUSTOMER', to: 'SHARED', shift: 'TOWARD_PROVIDER' },
      providerStatementChanged: true,
      obligationsAdded: [{ text: 'Copy critical snapshots to a second region.' }],
      obligationsRemoved: [],
    });
    expect(body.controls.find((c: any) => c.controlId === '11.1.1')).toMatchObject({ ownershipChanged: null, providerStatementChanged: true });
  });

  it('keeps published versions immutable and readable by anyone signed in, filtered by ownership and clause', async () => {
    const reader = { subject: 'buyer', organizationId: 'some-customer', roles: ['CUSTOMER_ADMIN' as const] };
    const v1 = await api.graphql(
      'query($id: ID!) { cloudService(id: $id) { contractVersion(version: 1) { status responsibilities(filter: { clause: "12", ownership: [CUSTOMER] }) { control { id } } } } }',
      { id: serviceId },
      reader,
    );
    const version = v1.json.data.cloudService.contractVersion;
    expect(version.status).toBe('SUPERSEDED');
    expect(version.responsibilities.map((r: any) => r.control.id)).toContain('12.3.1');
    const missing = await api.graphql('query($id: ID!) { cloudService(id: $id) { contractVersion(version: 9) { version } } }', { id: serviceId }, reader);
    expect(missing.json.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it("refuses another provider: it can neither read nor change this provider's draft", async () => {
    await startDraft(api, admin(), serviceId, 'LATEST_VERSION');
    const outsider = providerAdmin(rival);
    const read = await draftOf(outsider);
    expect(read.json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(read.json.data.cloudService.draft).toBeNull();
    const write = await setResponsibilities(api, outsider, serviceId, 1, [{ controlId: '5.1.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'x' }] }]);
    expect(write.json.errors[0].extensions.code).toBe('FORBIDDEN');
    const pub = await publish(api, outsider, serviceId, 1);
    expect(pub.json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await draftOf()).json.data.cloudService.draft.revision).toBe(1);
  });

  it('rejects a stale revision with CONFLICT and writes nothing', async () => {
    const stale = await setResponsibilities(api, admin(), serviceId, 7, [{ controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: 'Stale' }]);
    expect(stale.json.errors[0].extensions.code).toBe('CONFLICT');
    expect(stale.json.errors[0].message).toMatch(/revision 1, not 7/);
    expect((await draftOf()).json.data.cloudService.draft.revision).toBe(1);
  });

  it('rejects bad input with every problem listed and nothing written', async () => {
    const result = await setResponsibilities(api, admin(), serviceId, 1, [
      { controlId: '99.9.9', ownership: 'PROVIDER', providerStatement: 'x' },
      { controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: '   ' },
      { controlId: '5.1.2', ownership: 'SHARED', providerStatement: 'y'.repeat(4001), customerObligations: [{ text: 'ok' }] },
    ]);
    const [error] = result.json.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.problems.map((p: any) => p.path)).toEqual([
      'responsibilities[0].controlId',
      'responsibilities[1].providerStatement',
      'responsibilities[2].providerStatement',
    ]);
    const wrongEnum = await setResponsibilities(api, admin(), serviceId, 1, [{ controlId: '5.1.1', ownership: 'SOMEBODY' }]);
    expect(wrongEnum.status).toBe(400);
    expect(wrongEnum.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await draftOf()).json.data.cloudService.draft.revision).toBe(1);
  });

  it('two racing publishes of one draft make exactly one version', async () => {
    const results = await Promise.all([publish(api, admin(), serviceId, 1, 'race A'), publish(api, admin(), serviceId, 1, 'race B')]);
    const ok = results.filter((r) => r.json.data?.publishContractDraft);
    const refused = results.filter((r) => r.json.errors);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.json.data.publishContractDraft.version).toBe(3);
    expect(refused).toHaveLength(1);
    expect(['CONFLICT', 'NOT_FOUND']).toContain(refused[0]!.json.errors[0].extensions.code);
    const versions = await api.graphql('query($id: ID!) { cloudService(id: $id) { contractVersions { version } } }', { id: serviceId }, admin());
    expect(versions.json.data.cloudService.contractVersions.map((v: any) => v.version)).toEqual([3, 2, 1]);
  });

  it('audits every step, readable by the provider’s auditors by target and time range', async () => {
    const auditor = { subject: 'aud', organizationId: nimbus, roles: ['AUDITOR' as const] };
    const trail = await api.graphql(
      'query($f: AuditEventFilter) { auditEvents(filter: $f, first: 100) { edges { node { action at } } } }',
      { f: { targetType: 'CloudService', targetId: serviceId } },
      auditor,
    );
    const actions = trail.json.data.auditEvents.edges.map((e: any) => e.node.action);
    expect(actions).toEqual([
      'cloudService.create',
      'contract.draft.start',
      'contract.draft.update',
      'contract.draft.update',
      'contract.publish',
      'contract.draft.start',
      'contract.draft.update',
      'contract.publish',
      'contract.draft.start',
      'contract.publish',
    ]);
    const firstAt = trail.json.data.auditEvents.edges[4].node.at;
    const windowed = await api.graphql('query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { node { action } } } }', { f: { targetType: 'CloudService', targetId: serviceId, from: firstAt, to: firstAt } }, auditor);
    expect(windowed.json.data.auditEvents.edges.map((e: any) => e.node.action)).toEqual(['contract.publish']);
  });
});
