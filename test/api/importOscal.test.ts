import { graphql } from '../generated';
import type { Identity } from '../../dev/tokens';
import { createTestApi, type TestApi } from '../helpers/api';
import { oscalValidator } from '../helpers/oscal';
import { dataOf, firstError } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft, uniqueName } from '../helpers/world';

// Importing an OSCAL component definition into a draft: Onus's own export round-trips (into a new
// service, everything but the service's identity is the same; into the same service, the stable
// obligation ids it carries are kept), and a malformed document is refused whole with every problem.

const ImportOscal = graphql(`
  mutation ImportOscal($id: ID!, $rev: Int!, $doc: String!) {
    importContractDraft(serviceId: $id, revision: $rev, format: OSCAL_COMPONENT_DEFINITION, document: $doc) {
      draft {
        revision
        problems {
          code
        }
      }
      controlIds
    }
  }
`);

const OscalExport = graphql(`
  query OscalExport($id: ID!, $version: Int!) {
    cloudService(id: $id) {
      contractVersion(version: $version) {
        export(format: OSCAL_COMPONENT_DEFINITION) {
          content
        }
      }
    }
  }
`);

const OscalDraft = graphql(`
  query OscalDraft($id: ID!) {
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
            unlocksProvided
          }
        }
      }
    }
  }
`);

type Doc = { 'component-definition': any };
const IDENTITY_PROPS = new Set(['provided-uuid', 'obligation-id', 'service-id']);

/**
 * The document with what names the service, or is derived from ids the new service draws, blanked:
 * every uuid (RFC 9562 v5 of the service id and the line's provided id or obligation id), the
 * provided-uuid, obligation-id and service-id properties, the titles and description naming the
 * service, and the dates (the versions' own publication instants).
 */
function withoutIdentity(doc: Doc): unknown {
  const blank = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(blank);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      if (k === 'uuid' || k === 'party-uuids') return [k, '…'];
      if (k === 'value' && IDENTITY_PROPS.has((value as { name?: string }).name ?? '')) return [k, '…'];
      return [k, blank(v)];
    });
    return Object.fromEntries(entries);
  };
  const copy = blank(doc) as Doc;
  const definition = copy['component-definition'];
  for (const key of ['title', 'published', 'last-modified', 'remarks']) definition.metadata[key] = '…';
  for (const component of definition.components) {
    component.title = '…';
    component.description = '…';
    for (const implementation of component['control-implementations']) implementation.description = '…';
  }
  return copy;
}

describe('importing an OSCAL component definition into a draft', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  const exported = async (as: Identity, id: string, version: number) =>
    dataOf(await api.graphql(OscalExport, { id, version }, as)).cloudService!.contractVersion.export.content;
  const importDoc = (as: Identity, id: string, rev: number, doc: string) => api.graphql(ImportOscal, { id, rev, doc }, as);
  const draftOf = async (as: Identity, id: string) => dataOf(await api.graphql(OscalDraft, { id }, as)).cloudService!.draft!;

  async function source() {
    const provider = await createOrganization(api, uniqueName('Oscal Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const serviceId = await createService(api, admin, { name: uniqueName('Oscal DB'), serviceModel: 'PAAS', deploymentModel: 'PUBLIC' });
    const draft = await startDraft(api, admin, serviceId);
    const edited = dataOf(
      await setResponsibilities(api, admin, serviceId, draft.revision, [
        {
          controlId: '12.3.1',
          ownership: 'CUSTOMER_CONFIGURED',
          providerStatement: 'Point-in-time restore is available for 35 days.',
          customerObligations: [{ text: 'Turn on backups for each database.' }, { text: 'Test a restore every quarter.', unlocksProvided: false }],
          status: 'PLANNED',
          evidence: [{ kind: 'DOCUMENTATION', title: 'Backup guide', url: 'https://docs.example.com/backup' }],
        },
        { controlId: '11.2.9', ownership: 'NOT_APPLICABLE', customerObligations: null, justification: 'No offices of its own.' },
      ]),
    ).setResponsibilities;
    dataOf(await publish(api, admin, serviceId, edited.revision, 'First contract'));
    return { provider, admin, serviceId };
  }

  it('round-trips Onus’s own export through a new service: the same requirements, apart from what names the service', async () => {
    const { admin, serviceId } = await source();
    const first = await exported(admin, serviceId, 1);
    const targetId = await createService(api, admin, { name: uniqueName('Oscal DB copy'), serviceModel: 'PAAS', deploymentModel: 'PUBLIC' });
    const draft = await startDraft(api, admin, targetId);
    const result = dataOf(await importDoc(admin, targetId, draft.revision, first)).importContractDraft;
    expect(result.controlIds).toHaveLength(121);
    expect(result.draft.problems).toEqual([]);
    const line = (await draftOf(admin, targetId)).responsibilities.find((r) => r.control.id === '12.3.1');
    expect(line).toMatchObject({
      ownership: 'CUSTOMER_CONFIGURED',
      customerObligations: [
        { text: 'Turn on backups for each database.', unlocksProvided: true },
        { text: 'Test a restore every quarter.', unlocksProvided: false },
      ],
    });
    dataOf(await publish(api, admin, targetId, result.draft.revision, 'First contract'));
    const second = await exported(admin, targetId, 1);
    expect(oscalValidator('oscal_component_schema.json')(JSON.parse(second))).toEqual([]);
    expect(second).not.toBe(first);
    expect(withoutIdentity(JSON.parse(second))).toEqual(withoutIdentity(JSON.parse(first)));
  });

  it('keeps the obligation ids a document carries when it is imported into the same service, whatever the new wording', async () => {
    const { admin, serviceId } = await source();
    const doc = JSON.parse(await exported(admin, serviceId, 1)) as Doc;
    const requirement = doc['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'].find(
      (r: { 'control-id': string }) => r['control-id'] === 'iso27017-12.3.1',
    );
    const obligationId = requirement.statements[0].props.find((p: { name: string }) => p.name === 'obligation-id').value;
    requirement.statements[0].description = 'Turn on automated backups for every database you create.';
    const draft = await startDraft(api, admin, serviceId, 'LATEST_VERSION');
    const result = dataOf(await importDoc(admin, serviceId, draft.revision, JSON.stringify(doc))).importContractDraft;
    const line = (await draftOf(admin, serviceId)).responsibilities.find((r) => r.control.id === '12.3.1');
    expect(line!.customerObligations[0]).toEqual({ id: obligationId, text: 'Turn on automated backups for every database you create.', unlocksProvided: true });
    dataOf(await publish(api, admin, serviceId, result.draft.revision, 'Clearer backup wording'));
  });

  it('refuses a malformed document whole with every problem listed, and writes nothing', async () => {
    const { admin, serviceId } = await source();
    const draft = await startDraft(api, admin, serviceId, 'LATEST_VERSION');
    const before = await draftOf(admin, serviceId);
    const refusedCodes = async (doc: string) =>
      (firstError(await importDoc(admin, serviceId, draft.revision, doc)).extensions.problems ?? []).map((p) => [p.path, (p as { code?: string }).code]);
    expect(await refusedCodes('{"component-definition": {')).toEqual([['document', 'INVALID_JSON']]);
    expect(await refusedCodes('{"catalog": {}}')).toEqual([['document', 'NOT_A_COMPONENT_DEFINITION']]);
    expect(await refusedCodes('{"component-definition": {"components": []}}')).toEqual([['document', 'EMPTY_DOCUMENT']]);
    const ns = 'https://onus.dev/ns/oscal';
    const requirements = [
      { 'control-id': 'iso27017-5.1.1', description: 'Fine, but not applied either.' },
      { 'control-id': 'ac-2', description: 'A NIST control.' },
      { description: 'No control id.' },
      { 'control-id': 'iso27017-5.1.2', props: [{ name: 'ownership', ns, value: 'OURS' }] },
      { 'control-id': 'iso27017-6.1.1', props: [{ name: 'implementation-status', ns, value: 'done' }] },
      { 'control-id': 'iso27017-6.1.2', description: 'z'.repeat(45_000) },
      { 'control-id': 'iso27017-5.1.1', description: 'Twice.' },
      { 'control-id': 'iso27017-6.1.3', description: 'w'.repeat(4_001) },
    ];
    const at = (k: number) => `components[0].control-implementations[0].implemented-requirements[${k}]`;
    expect(
      await refusedCodes(
        JSON.stringify({ 'component-definition': { components: [{ 'control-implementations': [{ 'implemented-requirements': requirements }] }] } }),
      ),
    ).toEqual([
      [`${at(1)}.control-id`, 'UNKNOWN_CONTROL'],
      [`${at(2)}.control-id`, 'MISSING_CONTROL_ID'],
      [`${at(3)}.props[ownership]`, 'UNKNOWN_OWNERSHIP'],
      [`${at(4)}.props[implementation-status]`, 'UNKNOWN_STATUS'],
      [`${at(5)}.description`, 'HUGE_CELL'],
      [`${at(0)}, ${at(6)}`, 'DUPLICATE_CONTROL'],
      [at(7), 'INVALID_LINE'],
    ]);
    expect(await draftOf(admin, serviceId)).toEqual(before);
  });
});
