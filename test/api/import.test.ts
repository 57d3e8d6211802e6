import { stringify } from 'csv-stringify/sync';
import { graphql } from '../generated';
import type { ExportFormat, ImportFormat, ImportMode } from '../generated/graphql';
import type { Identity } from '../../dev/tokens';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf, firstError } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft, uniqueName } from '../helpers/world';

// Importing a provider's existing matrix into a draft, as a client sees it: a CAIQ sheet (Onus's own
// or CSA's layout keyed by CCM ids) or an OSCAL component definition sets the draft's lines; a
// document with any unusable row is refused whole, every problem listed, and the draft is untouched.

const Import = graphql(`
  mutation ImportContractDraft($id: ID!, $rev: Int!, $format: ImportFormat!, $doc: String!, $mode: ImportMode) {
    importContractDraft(serviceId: $id, revision: $rev, format: $format, document: $doc, mode: $mode) {
      draft {
        revision
        problems {
          controlId
          code
        }
      }
      controlIds
      rows {
        at
        source
        controlId
        basis
      }
      skipped {
        at
        code
        message
      }
    }
  }
`);

const ImportExport = graphql(`
  query ImportExport($id: ID!, $version: Int!, $format: ExportFormat!) {
    cloudService(id: $id) {
      contractVersion(version: $version) {
        export(format: $format) {
          content
        }
      }
    }
  }
`);

const ImportDraft = graphql(`
  query ImportDraft($id: ID!) {
    cloudService(id: $id) {
      draft {
        revision
        responsibilities {
          control {
            id
          }
          ownership
          status
          providerStatement
          justification
          customerObligations {
            id
            text
          }
        }
      }
    }
  }
`);

const ImportTrail = graphql(`
  query ImportTrail($id: ID!) {
    auditEvents(filter: { targetType: "CloudService", targetId: $id }, first: 10) {
      edges {
        node {
          kind
          summary
          details
        }
      }
    }
  }
`);

describe('importing a matrix into a draft', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  const importDoc = (as: Identity, id: string, rev: number, format: ImportFormat, doc: string, mode?: ImportMode) =>
    api.graphql(Import, { id, rev, format, doc, ...(mode ? { mode } : {}) }, as);
  const exported = async (as: Identity, id: string, version: number, format: ExportFormat) =>
    dataOf(await api.graphql(ImportExport, { id, version, format }, as)).cloudService!.contractVersion.export.content;
  const draftOf = async (as: Identity, id: string) => dataOf(await api.graphql(ImportDraft, { id }, as)).cloudService!.draft!;

  /** A provider with a published version whose lines cover every CAIQ value: several obligations, a formula-looking text, a control that does not apply, a partial one. */
  async function publishedSource() {
    const provider = await createOrganization(api, uniqueName('Import Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const serviceId = await createService(api, admin, { name: uniqueName('Source VMs'), serviceModel: 'IAAS', deploymentModel: 'PUBLIC' });
    const draft = await startDraft(api, admin, serviceId);
    const edited = dataOf(
      await setResponsibilities(api, admin, serviceId, draft.revision, [
        {
          controlId: '9.4.3',
          ownership: 'SHARED',
          providerStatement: '=Passwords are hashed with Argon2id; "policy" enforced, 12+ chars.',
          customerObligations: [{ text: 'Set the password policy for your users.' }, { text: '-Rotate break-glass credentials\nafter each use.' }],
          status: 'PARTIAL',
        },
        {
          controlId: '11.2.9',
          ownership: 'NOT_APPLICABLE',
          customerObligations: null,
          justification: 'No offices: the service has no desks or screens of its own.',
        },
      ]),
    ).setResponsibilities;
    dataOf(await publish(api, admin, serviceId, edited.revision, 'First contract'));
    return { provider, admin, serviceId };
  }

  async function freshDraft(provider: string, admin: Identity) {
    const serviceId = await createService(api, admin, { name: uniqueName('Target VMs'), serviceModel: 'IAAS', deploymentModel: 'PUBLIC' });
    const draft = await startDraft(api, admin, serviceId);
    return { serviceId, revision: draft.revision, provider };
  }

  it('round-trips a CAIQ sheet: exported, imported into a new service, published and exported again, byte for byte', async () => {
    const source = await publishedSource();
    const sheet = await exported(source.admin, source.serviceId, 1, 'CAIQ_V4_CSV');
    const target = await freshDraft(source.provider, source.admin);
    const result = dataOf(await importDoc(source.admin, target.serviceId, target.revision, 'CAIQ_V4_CSV', sheet)).importContractDraft;
    expect(result.draft.revision).toBe(target.revision + 1);
    expect(result.controlIds).toHaveLength(121);
    expect(result.rows[0]).toEqual({ at: 'row 2', source: 'iso27017-5.1.1', controlId: '5.1.1', basis: 'DIRECT' });
    expect(result.skipped).toEqual([]);
    expect(result.draft.problems).toEqual([]);
    const lines = (await draftOf(source.admin, target.serviceId)).responsibilities;
    expect(lines.find((l) => l.control.id === '9.4.3')).toMatchObject({
      ownership: 'SHARED',
      status: 'PARTIAL',
      providerStatement: '=Passwords are hashed with Argon2id; "policy" enforced, 12+ chars.',
      customerObligations: [{ text: 'Set the password policy for your users.' }, { text: '-Rotate break-glass credentials\nafter each use.' }],
    });
    expect(lines.find((l) => l.control.id === '11.2.9')).toMatchObject({ ownership: 'NOT_APPLICABLE', justification: expect.stringMatching(/^No offices/) });
    const trail = dataOf(await api.graphql(ImportTrail, { id: target.serviceId }, source.admin)).auditEvents.edges.map((e) => e.node);
    expect(trail.filter((e) => e.kind === 'CONTRACT_DRAFT_IMPORT')).toEqual([
      expect.objectContaining({
        kind: 'CONTRACT_DRAFT_IMPORT',
        summary: expect.stringMatching(/^imported 121 controls from a CAIQ_V4_CSV document into the draft of ".*" \(revision \d+\)$/),
        details: expect.objectContaining({ format: 'CAIQ_V4_CSV', skipped: 0, revision: result.draft.revision }),
      }),
    ]);
    dataOf(await publish(api, source.admin, target.serviceId, result.draft.revision, 'Imported'));
    expect(await exported(source.admin, target.serviceId, 1, 'CAIQ_V4_CSV')).toBe(sheet);
  });

  it('reads CSA’s CAIQ v4 layout keyed by CCM question ids through the mapping table; unmapped controls refuse it unless skipped', async () => {
    const source = await publishedSource();
    const target = await freshDraft(source.provider, source.admin);
    const header = [
      'Question ID',
      'Question',
      'CSP CAIQ Answer',
      'SSRM Control Ownership',
      'CSP Implementation Description (Optional/Recommended)',
      'CSC Responsibilities (Optional/Recommended)',
    ];
    const sheet = stringify([
      header,
      [
        'IAM-02.1',
        'Are strong password policies …?',
        'Yes',
        'Shared CSP and CSC',
        'We enforce length and breach checks.',
        'Choose your users’ password rules.',
      ],
      ['IAM-15.1', 'Are passwords managed …?', 'Yes', 'CSP-owned', 'Secrets are stored hashed.', ''],
      ['LOG-08.1', 'Are audit records generated …?', 'Yes', 'CSP-owned', 'Every API call is logged.', ''],
      ['LOG-01.1', 'Are logging policies …?', 'No', 'CSP-owned', 'Logging policy reviewed yearly.', ''],
      ['DSP-19.1', 'Is data location …?', 'Yes', 'CSC-owned', '', 'Pick the region.'],
    ]);
    const strict = await importDoc(source.admin, target.serviceId, target.revision, 'CAIQ_V4_CSV', sheet);
    expect(firstError(strict).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(strict).extensions.problems).toEqual([expect.objectContaining({ path: 'row 6, column "Question ID"', code: 'UNMAPPED_CCM_CONTROL' })]);
    expect((await draftOf(source.admin, target.serviceId)).revision).toBe(target.revision);

    const result = dataOf(await importDoc(source.admin, target.serviceId, target.revision, 'CAIQ_V4_CSV', sheet, 'SKIP_UNMAPPED')).importContractDraft;
    expect(result.skipped).toEqual([expect.objectContaining({ at: 'row 6, column "Question ID"', code: 'UNMAPPED_CCM_CONTROL' })]);
    expect(result.rows.map((r) => [r.source, r.controlId, r.basis])).toEqual([
      ['IAM-02.1', '9.4.3', 'TITLE'],
      ['IAM-15.1', '9.2.4', 'TITLE'],
      ['LOG-08.1', '12.4.1', 'TITLE'],
      ['LOG-01.1', '12.4.1', 'JUDGEMENT'],
    ]);
    expect(result.controlIds).toEqual(['9.2.4', '9.4.3', '12.4.1']);
    const lines = (await draftOf(source.admin, target.serviceId)).responsibilities;
    // Two CCM controls on one 27017 control: their statements joined, the weaker answer kept.
    expect(lines.find((l) => l.control.id === '12.4.1')).toMatchObject({
      ownership: 'PROVIDER',
      status: 'PARTIAL',
      providerStatement: 'Every API call is logged.\n\nLogging policy reviewed yearly.',
    });
    expect(lines.find((l) => l.control.id === '9.4.3')).toMatchObject({
      ownership: 'SHARED',
      customerObligations: [{ text: 'Choose your users’ password rules.' }],
    });
  });

  it('refuses a malformed sheet whole, listing every problem with its row, column and code, and writes nothing', async () => {
    const source = await publishedSource();
    const target = await freshDraft(source.provider, source.admin);
    const before = await draftOf(source.admin, target.serviceId);
    const header = ['Control ID', 'Control Title', 'CSP CAIQ Answer', 'SSRM Control Ownership', 'CSP Implementation Description', 'CSC Responsibilities'];
    const sheet = stringify([
      header,
      ['iso27017-5.1.1', 'Policies', 'Yes', 'CSP-owned', 'A fine row that must not be applied either.', ''],
      ['iso27017-99.9.9', '', 'Yes', 'CSP-owned', '', ''],
      ['XYZ-01', '', 'Yes', 'CSP-owned', '', ''],
      ['ZZZ-99.1', '', 'Yes', 'CSP-owned', '', ''],
      ['iso27017-5.1.2', '', 'Yes', 'Mostly ours', '', ''],
      ['iso27017-6.1.1', '', 'Maybe', 'CSP-owned', '', ''],
      ['iso27017-6.1.2', '', 'Yes', 'CSP-owned', '=HYPERLINK("http://evil.example","x")', ''],
      ['iso27017-6.1.3', '', 'Yes', 'Shared CSP and CSC', '+1', '@SUM(A1)'],
      ['iso27017-6.1.4', '', 'Yes', 'CSC-owned', '', '-2+3'],
      ['iso27017-6.1.5', '', 'Yes', 'CSP-owned', 'x'.repeat(50_000), ''],
      ['iso27017-5.1.1', '', 'Yes', 'CSP-owned', 'Again.', ''],
      ['iso27017-7.1.1', 'too', 'few'],
      ['iso27017-7.1.2', '', 'Yes', 'CSP-owned', 'y'.repeat(4_001), ''],
    ]);
    const refused = await importDoc(source.admin, target.serviceId, target.revision, 'CAIQ_V4_CSV', sheet);
    const error = firstError(refused);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Nothing was imported: the document has 13 problems/);
    expect(error.extensions.problems!.map((p) => [p.path, (p as { code?: string }).code])).toEqual([
      ['row 3, column "Control ID"', 'UNKNOWN_CONTROL'],
      ['row 4, column "Control ID"', 'UNKNOWN_CCM_CONTROL'],
      ['row 5, column "Control ID"', 'UNKNOWN_CCM_CONTROL'],
      ['row 6, column "SSRM Control Ownership"', 'UNKNOWN_OWNERSHIP'],
      ['row 7, column "CSP CAIQ Answer"', 'UNKNOWN_ANSWER'],
      ['row 8, column "CSP Implementation Description"', 'FORMULA_CELL'],
      ['row 9, column "CSP Implementation Description"', 'FORMULA_CELL'],
      ['row 9, column "CSC Responsibilities"', 'FORMULA_CELL'],
      ['row 10, column "CSC Responsibilities"', 'FORMULA_CELL'],
      ['row 11, column "CSP Implementation Description"', 'HUGE_CELL'],
      ['row 13', 'WRONG_COLUMN_COUNT'],
      ['row 2, row 12', 'DUPLICATE_CONTROL'],
      ['row 14', 'INVALID_LINE'],
    ]);
    expect(await draftOf(source.admin, target.serviceId)).toEqual(before);
  });

  it('is a draft edit like any other: over the size limit, at a stale revision or by anyone but the provider’s admin it is refused and nothing is written', async () => {
    const source = await publishedSource();
    const target = await freshDraft(source.provider, source.admin);
    const sheet = await exported(source.admin, source.serviceId, 1, 'CAIQ_V4_CSV');
    const huge = sheet + 'x'.repeat(3_000_001 - Buffer.byteLength(sheet));
    const tooLarge = firstError(await importDoc(source.admin, target.serviceId, target.revision, 'CAIQ_V4_CSV', huge));
    expect(tooLarge.extensions.code).toBe('BAD_USER_INPUT');
    expect(tooLarge.message).toMatch(/3,000,001 bytes; an import takes at most 3,000,000\. Split it/);
    expect(tooLarge.extensions.problems).toEqual([expect.objectContaining({ path: 'document', code: 'DOCUMENT_TOO_LARGE' })]);
    expect(firstError(await importDoc(source.admin, target.serviceId, target.revision + 1, 'CAIQ_V4_CSV', sheet)).extensions.code).toBe('CONFLICT');
    const stranger = providerAdmin(await createOrganization(api, uniqueName('Other Cloud'), ['PROVIDER']));
    expect(firstError(await importDoc(stranger, target.serviceId, target.revision, 'CAIQ_V4_CSV', sheet)).extensions.code).toBe('FORBIDDEN');
    expect((await draftOf(source.admin, target.serviceId)).revision).toBe(target.revision);
  });
});
