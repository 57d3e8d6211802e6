import { graphql } from '../generated';
import type { ResponsibilityInput } from '../generated/graphql';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf, firstError, found, problemPaths } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft, tryStartDraft } from '../helpers/world';

const DraftOf = graphql(`
  query DraftOf($id: ID!) {
    cloudService(id: $id) {
      draft {
        revision
        responsibilities {
          control {
            id
          }
          ownership
          customerObligations {
            id
            text
          }
        }
      }
    }
  }
`);

const PublishedVersions = graphql(`
  query PublishedVersions($id: ID!) {
    cloudService(id: $id) {
      currentContract {
        version
      }
      contractVersions {
        version
        status
        changeNote
      }
    }
  }
`);

const BackupObligationsOfVersion1 = graphql(`
  query BackupObligationsOfVersion1($id: ID!) {
    cloudService(id: $id) {
      contractVersion(version: 1) {
        responsibilities(filter: { controlIds: ["12.3.1"] }) {
          customerObligations {
            id
            text
          }
        }
      }
    }
  }
`);

const ContractDiff = graphql(`
  query ContractDiff($id: ID!) {
    contractDiff(serviceId: $id, fromVersion: 1, toVersion: 2) {
      summary {
        controls
        ownershipChanges
        movedTowardProvider
        obligationsAdded
        obligationsRemoved
      }
      controls {
        controlId
        change
        ownershipChanged {
          from
          to
          shift
        }
        providerStatementChanged
        obligationsAdded {
          text
        }
        obligationsRemoved {
          id
        }
      }
    }
  }
`);

const ContractVersion = graphql(`
  query ContractVersion($id: ID!, $version: Int!) {
    cloudService(id: $id) {
      contractVersion(version: $version) {
        version
        status
        responsibilities(filter: { clause: "12", ownership: [CUSTOMER] }) {
          control {
            id
          }
        }
      }
    }
  }
`);

const ContractAuditTrail = graphql(`
  query ContractAuditTrail($f: AuditEventFilter, $first: Int) {
    auditEvents(filter: $f, first: $first) {
      edges {
        node {
          action
          at
        }
      }
    }
  }
`);

// A draft that cannot be published: four problems on three controls.
const INCOMPLETE: ResponsibilityInput[] = [
  { controlId: '12.3.1', ownership: 'SHARED', providerStatement: null, customerObligations: [] },
  { controlId: '8.3.1', ownership: 'NOT_APPLICABLE', providerStatement: null, customerObligations: [], justification: null },
  { controlId: 'CLD.9.5.1', ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'not-an-upstream' },
];

// What fixes it.
const FIXES: ResponsibilityInput[] = [
  { controlId: '12.3.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Back up your volumes with snapshots and test restores.' }] },
  { controlId: '8.3.1', ownership: 'NOT_APPLICABLE', justification: 'No removable media is used in the service.' },
  { controlId: 'CLD.9.5.1', ownership: 'PROVIDER', providerStatement: 'Hypervisor isolation separates tenants.', upstreamServiceId: null },
];

describe('a provider publishes a versioned shared-responsibility contract', () => {
  let api: TestApi;
  let nimbus: string;
  let rival: string;
  const admin = () => providerAdmin(nimbus);

  beforeAll(async () => {
    api = await createTestApi();
    nimbus = await createOrganization(api, 'Nimbus Compute', ['PROVIDER']);
    rival = await createOrganization(api, 'Rival Cloud', ['PROVIDER']);
  });

  // Each test builds its own service up to the point its story starts from.

  const newService = () =>
    createService(api, admin(), {
      name: 'Nimbus VMs',
      serviceModel: 'IAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1', 'us-east-1'],
      certifications: [{ kind: 'ISO_27017', issuer: 'BSI', expiresOn: '2099-01-31' }],
    });

  /** A service whose template draft (revision 1) was saved incomplete as revision 2. */
  const withIncompleteDraft = async () => {
    const serviceId = await newService();
    await startDraft(api, admin(), serviceId);
    const saved = await setResponsibilities(api, admin(), serviceId, 1, INCOMPLETE);
    return { serviceId, saved };
  };

  /** Fixes the incomplete draft (revision 3) and publishes it as version 1. */
  const publishVersion1 = async (serviceId: string) => {
    const fixed = await setResponsibilities(api, admin(), serviceId, 2, FIXES);
    const published = await publish(api, admin(), serviceId, 3, 'First contract');
    return { fixed, published };
  };

  /** Version 2: backups become SHARED with one obligation added, and a new statement for 11.1.1. */
  const publishVersion2 = async (serviceId: string) => {
    const draft = await startDraft(api, admin(), serviceId, 'LATEST_VERSION');
    const v1 = dataOf(await api.graphql(BackupObligationsOfVersion1, { id: serviceId }, admin()));
    const backupObligation = v1.cloudService.contractVersion.responsibilities[0]?.customerObligations[0];
    if (!backupObligation) throw new Error(`version 1 has no backup obligation: ${JSON.stringify(v1)}`);
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
    return { draft, published };
  };

  const atVersion2 = async () => {
    const { serviceId } = await withIncompleteDraft();
    dataOf((await publishVersion1(serviceId)).published);
    dataOf((await publishVersion2(serviceId)).published);
    return serviceId;
  };

  /** Versions 1 and 2 published, and a new draft (revision 1) started from version 2. */
  const withDraftOnVersion2 = async () => {
    const serviceId = await atVersion2();
    await startDraft(api, admin(), serviceId, 'LATEST_VERSION');
    return serviceId;
  };

  const draftOf = (serviceId: string, as = admin()) => api.graphql(DraftOf, { id: serviceId }, as);
  const draftRevision = async (serviceId: string) => dataOf(await draftOf(serviceId)).cloudService.draft?.revision;

  it('starts a draft from the IaaS template covering all 121 controls, publishable as is', async () => {
    const serviceId = await newService();
    const draft = await startDraft(api, admin(), serviceId);
    expect(draft).toMatchObject({ revision: 1, basedOnVersion: null, problems: [] });
    const read = await draftOf(serviceId);
    const lines = dataOf(read).cloudService.draft?.responsibilities ?? [];
    expect(lines).toHaveLength(121);
    const byId = Object.fromEntries(lines.map((l) => [l.control.id, l.ownership]));
    expect(byId['11.1.1']).toBe('PROVIDER');
    expect(byId['12.2.1']).toBe('CUSTOMER');
    expect(byId['12.3.1']).toBe('CUSTOMER');
  });

  it('refuses a second draft while one exists (CONFLICT)', async () => {
    const serviceId = await newService();
    await startDraft(api, admin(), serviceId);
    const result = await tryStartDraft(api, admin(), serviceId, 'TEMPLATE');
    expect(firstError(result).extensions.code).toBe('CONFLICT');
  });

  it('refuses to publish an incomplete draft, listing exactly what to fix, and writes nothing', async () => {
    const { serviceId, saved } = await withIncompleteDraft();
    expect(saved.json.errors).toBeUndefined();
    const draft = dataOf(saved).setResponsibilities;
    expect(draft.revision).toBe(2);
    const position = (controlId: string, code: string) => draft.problems.findIndex((p) => p.controlId === controlId && p.code === code);
    expect(draft.problems.map((p) => [p.controlId, p.code])).toEqual(
      [
        ['8.3.1', 'MISSING_JUSTIFICATION'],
        ['CLD.9.5.1', 'UNDECLARED_UPSTREAM'],
        ['12.3.1', 'MISSING_OBLIGATION'],
        ['12.3.1', 'MISSING_PROVIDER_STATEMENT'],
      ].sort((a, b) => position(a[0]!, a[1]!) - position(b[0]!, b[1]!)),
    );
    expect(draft.problems).toHaveLength(4);

    const refused = await publish(api, admin(), serviceId, 2);
    const error = firstError(refused);
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
    expect(error.extensions.problems).toHaveLength(4);
    expect(error.extensions.problems).toContainEqual(expect.objectContaining({ path: '12.3.1', code: 'MISSING_OBLIGATION' }));
    const service = await api.graphql(PublishedVersions, { id: serviceId }, admin());
    expect(dataOf(service).cloudService).toEqual({ currentContract: null, contractVersions: [] });
  });

  it('completes the draft and publishes version 1; the draft is gone', async () => {
    const { serviceId } = await withIncompleteDraft();
    const { fixed, published } = await publishVersion1(serviceId);
    expect(dataOf(fixed).setResponsibilities).toMatchObject({ revision: 3, problems: [] });
    expect(dataOf(published).publishContractDraft).toEqual({ version: 1, status: 'CURRENT' });
    expect(dataOf(await draftOf(serviceId)).cloudService.draft).toBeNull();
  });

  it('publishes a change as version 2, supersedes version 1 and shows the diff', async () => {
    const { serviceId } = await withIncompleteDraft();
    dataOf((await publishVersion1(serviceId)).published);
    const { draft, published } = await publishVersion2(serviceId);
    expect(draft).toMatchObject({ revision: 1, basedOnVersion: 1 });
    expect(dataOf(published).publishContractDraft).toEqual({ version: 2, status: 'CURRENT' });

    const versions = await api.graphql(PublishedVersions, { id: serviceId }, admin());
    expect(dataOf(versions).cloudService).toEqual({
      currentContract: { version: 2 },
      contractVersions: [
        { version: 2, status: 'CURRENT', changeNote: 'Backups now shared' },
        { version: 1, status: 'SUPERSEDED', changeNote: 'First contract' },
      ],
    });

    const diff = await api.graphql(ContractDiff, { id: serviceId }, { subject: 'someone', organizationId: rival, roles: ['AUDITOR'] });
    const body = dataOf(diff).contractDiff;
    expect(body.summary).toEqual({ controls: 2, ownershipChanges: 1, movedTowardProvider: 1, obligationsAdded: 1, obligationsRemoved: 0 });
    const backup = found(body.controls, (c) => c.controlId === '12.3.1');
    expect(backup).toEqual({
      controlId: '12.3.1',
      change: 'CHANGED',
      ownershipChanged: { from: 'CUSTOMER', to: 'SHARED', shift: 'TOWARD_PROVIDER' },
      providerStatementChanged: true,
      obligationsAdded: [{ text: 'Copy critical snapshots to a second region.' }],
      obligationsRemoved: [],
    });
    expect(found(body.controls, (c) => c.controlId === '11.1.1')).toMatchObject({ ownershipChanged: null, providerStatementChanged: true });
  });

  it('keeps published versions immutable and readable by anyone signed in, filtered by ownership and clause', async () => {
    const serviceId = await atVersion2();
    const reader = { subject: 'buyer', organizationId: 'some-customer', roles: ['CUSTOMER_ADMIN' as const] };
    const v1 = await api.graphql(ContractVersion, { id: serviceId, version: 1 }, reader);
    const version = dataOf(v1).cloudService.contractVersion;
    expect(version.status).toBe('SUPERSEDED');
    expect(version.responsibilities.map((r) => r.control.id)).toContain('12.3.1');
    const missing = await api.graphql(ContractVersion, { id: serviceId, version: 9 }, reader);
    expect(firstError(missing).extensions.code).toBe('NOT_FOUND');
  });

  it("refuses another provider: it can neither read nor change this provider's draft", async () => {
    const serviceId = await atVersion2();
    await startDraft(api, admin(), serviceId, 'LATEST_VERSION');
    const outsider = providerAdmin(rival);
    const read = await draftOf(serviceId, outsider);
    expect(firstError(read).extensions.code).toBe('FORBIDDEN');
    expect(read.json.data?.cloudService.draft).toBeNull();
    const write = await setResponsibilities(api, outsider, serviceId, 1, [{ controlId: '5.1.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'x' }] }]);
    expect(firstError(write).extensions.code).toBe('FORBIDDEN');
    const pub = await publish(api, outsider, serviceId, 1);
    expect(firstError(pub).extensions.code).toBe('FORBIDDEN');
    expect(await draftRevision(serviceId)).toBe(1);
  });

  it('rejects a stale revision with CONFLICT and writes nothing', async () => {
    const serviceId = await withDraftOnVersion2();
    const stale = await setResponsibilities(api, admin(), serviceId, 7, [{ controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: 'Stale' }]);
    expect(firstError(stale).extensions.code).toBe('CONFLICT');
    expect(firstError(stale).message).toMatch(/revision 1, not 7/);
    expect(await draftRevision(serviceId)).toBe(1);
  });

  it('rejects bad input with every problem listed and nothing written', async () => {
    const serviceId = await withDraftOnVersion2();
    const result = await setResponsibilities(api, admin(), serviceId, 1, [
      { controlId: '99.9.9', ownership: 'PROVIDER', providerStatement: 'x' },
      { controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: '   ' },
      { controlId: '5.1.2', ownership: 'SHARED', providerStatement: 'y'.repeat(4001), customerObligations: [{ text: 'ok' }] },
    ]);
    expect(firstError(result).extensions.code).toBe('BAD_USER_INPUT');
    expect(problemPaths(result)).toEqual(['responsibilities[0].controlId', 'responsibilities[1].providerStatement', 'responsibilities[2].providerStatement']);
    // Deliberately not an Ownership: the schema refuses it before any resolver runs.
    const wrongEnum = await setResponsibilities(api, admin(), serviceId, 1, [{ controlId: '5.1.1', ownership: 'SOMEBODY' } as unknown as ResponsibilityInput]);
    expect(wrongEnum.status).toBe(400);
    expect(firstError(wrongEnum).extensions.code).toBe('BAD_USER_INPUT');
    expect(await draftRevision(serviceId)).toBe(1);
  });

  it('two racing publishes of one draft make exactly one version', async () => {
    const serviceId = await withDraftOnVersion2();
    const results = await Promise.all([publish(api, admin(), serviceId, 1, 'race A'), publish(api, admin(), serviceId, 1, 'race B')]);
    const ok = results.filter((r) => r.json.data?.publishContractDraft);
    const refused = results.filter((r) => r.json.errors);
    expect(ok).toHaveLength(1);
    expect(dataOf(ok[0]!).publishContractDraft.version).toBe(3);
    expect(refused).toHaveLength(1);
    expect(['CONFLICT', 'NOT_FOUND']).toContain(firstError(refused[0]!).extensions.code);
    const versions = await api.graphql(PublishedVersions, { id: serviceId }, admin());
    expect(dataOf(versions).cloudService.contractVersions.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('audits every step, and no refused one, readable by the provider’s auditors by target and time range', async () => {
    // The whole story above, refusals included: only what changed something is in the trail.
    const { serviceId } = await withIncompleteDraft();
    expect(firstError(await tryStartDraft(api, admin(), serviceId)).extensions.code).toBe('CONFLICT');
    expect(firstError(await publish(api, admin(), serviceId, 2)).extensions.code).toBe('VALIDATION_FAILED');
    dataOf((await publishVersion1(serviceId)).published);
    dataOf((await publishVersion2(serviceId)).published);
    await startDraft(api, admin(), serviceId, 'LATEST_VERSION');
    expect(
      firstError(
        await setResponsibilities(api, providerAdmin(rival), serviceId, 1, [
          { controlId: '5.1.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'x' }] },
        ]),
      ).extensions.code,
    ).toBe('FORBIDDEN');
    expect(firstError(await publish(api, providerAdmin(rival), serviceId, 1)).extensions.code).toBe('FORBIDDEN');
    expect(
      firstError(await setResponsibilities(api, admin(), serviceId, 7, [{ controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: 'Stale' }])).extensions
        .code,
    ).toBe('CONFLICT');
    expect(
      firstError(await setResponsibilities(api, admin(), serviceId, 1, [{ controlId: '99.9.9', ownership: 'PROVIDER', providerStatement: 'x' }])).extensions
        .code,
    ).toBe('BAD_USER_INPUT');
    const race = await Promise.all([publish(api, admin(), serviceId, 1, 'race A'), publish(api, admin(), serviceId, 1, 'race B')]);
    expect(race.filter((r) => r.json.errors)).toHaveLength(1);

    const auditor = { subject: 'aud', organizationId: nimbus, roles: ['AUDITOR' as const] };
    const trail = await api.graphql(ContractAuditTrail, { f: { targetType: 'CloudService', targetId: serviceId }, first: 100 }, auditor);
    const edges = dataOf(trail).auditEvents.edges;
    expect(edges.map((e) => e.node.action)).toEqual([
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
    const firstAt = edges[4]?.node.at;
    const windowed = await api.graphql(ContractAuditTrail, { f: { targetType: 'CloudService', targetId: serviceId, from: firstAt, to: firstAt } }, auditor);
    expect(dataOf(windowed).auditEvents.edges.map((e) => e.node.action)).toEqual(['contract.publish']);
  });
});
