import type { ApiError } from '../../dev/inProcessApi';
import { graphql } from '../generated';
import { createTestApi, platformAdmin, type TestApi } from '../helpers/api';
import { dataOf, firstError } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, uniqueName } from '../helpers/world';

// The schema's scalars (schema/common.graphql) refuse a value before any resolver runs. A client
// gets BAD_USER_INPUT (HTTP 400, as for any value the schema refuses) with one problem per refused
// value, addressed as the domain addresses its own problems: `certifications[0].expiresOn`, not
// `input.certifications[0].expiresOn`.

const CreateServiceWithCertifications = graphql(`
  mutation CreateServiceWithCertifications($input: CreateCloudServiceInput!) {
    createCloudService(input: $input) {
      id
      name
      certifications {
        kind
        expiresOn
      }
    }
  }
`);

const CreateOrganizationWithWebsite = graphql(`
  mutation CreateOrganizationWithWebsite($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      name
      website
    }
  }
`);

const SubscribePinned = graphql(`
  mutation SubscribePinned($input: SubscribeInput!) {
    subscribe(input: $input) {
      pinnedVersion
      effectiveVersion
      startDate
    }
  }
`);

const SetEvidence = graphql(`
  mutation SetEvidence($id: ID!, $rev: Int!, $r: [ResponsibilityInput!]!) {
    setResponsibilities(serviceId: $id, revision: $rev, responsibilities: $r) {
      revision
    }
  }
`);

const ServiceNames = graphql(`
  query ServiceNamesOfProvider($provider: ID!) {
    cloudServices(filter: { providerOrganizationId: $provider }) {
      edges {
        node {
          name
        }
      }
    }
  }
`);

interface Result {
  readonly status: number;
  readonly json: { readonly data?: unknown; readonly errors?: readonly ApiError[] };
}

/** Every problem of every error in a refused response, each error BAD_USER_INPUT, nothing executed. */
function refusedProblems(result: Result) {
  expect(result.status).toBe(400);
  expect(result.json.data ?? null).toBeNull();
  const errors = result.json.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return errors.flatMap((e) => e.extensions?.problems ?? []);
}

describe('scalars', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });

  async function provider() {
    const organizationId = await createOrganization(api, uniqueName('Provider'), ['PROVIDER']);
    return { organizationId, admin: providerAdmin(organizationId) };
  }

  it('LocalDate: takes a real calendar date as written, and refuses 2027-02-30 with its path before anything is written', async () => {
    const { organizationId, admin } = await provider();
    const certification = { kind: 'ISO_27001' as const, issuer: 'BSI' };
    const created = await api.graphql(
      CreateServiceWithCertifications,
      {
        input: { name: 'Leap Day Storage', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', certifications: [{ ...certification, expiresOn: '2028-02-29' }] },
      },
      admin,
    );
    expect(dataOf(created).createCloudService.certifications).toEqual([{ kind: 'ISO_27001', expiresOn: '2028-02-29' }]);

    const refused = await api.graphql(
      CreateServiceWithCertifications,
      {
        input: {
          name: 'Impossible Day Storage',
          serviceModel: 'IAAS',
          deploymentModel: 'PUBLIC',
          certifications: [{ ...certification, expiresOn: '2027-02-30' }],
        },
      },
      admin,
    );
    expect(refusedProblems(refused)).toEqual([{ path: 'certifications[0].expiresOn', message: '"2027-02-30" is not a date written YYYY-MM-DD' }]);
    expect(firstError(refused).message).toBe(
      'Variable "$input" got invalid value "2027-02-30" at "input.certifications[0].expiresOn"; "2027-02-30" is not a date written YYYY-MM-DD',
    );
    const names = dataOf(await api.graphql(ServiceNames, { provider: organizationId }, admin)).cloudServices.edges.map((e) => e.node.name);
    expect(names).toEqual(['Leap Day Storage']);
  });

  it('LocalDate written in the document itself: the same BAD_USER_INPUT and path, not a validation failure', async () => {
    const { admin } = await provider();
    const inline = (expiresOn: string) => `mutation { createCloudService(input: { name: "Inline ${expiresOn}", serviceModel: IAAS, deploymentModel: PUBLIC,
      certifications: [{ kind: SOC2_TYPE2, issuer: "Auditor", expiresOn: "${expiresOn}" }] }) { certifications { expiresOn } } }`;
    const accepted = await api.graphql(inline('2027-12-31'), {}, admin);
    expect(accepted.json.errors).toBeUndefined();
    expect(accepted.json.data).toEqual({ createCloudService: { certifications: [{ expiresOn: '2027-12-31' }] } });

    const refused = await api.graphql(inline('31/12/2027'), {}, admin);
    expect(refusedProblems(refused)).toEqual([{ path: 'certifications[0].expiresOn', message: '"31/12/2027" is not a date written YYYY-MM-DD' }]);
    expect(firstError(refused).message).toBe('Invalid value at "certifications[0].expiresOn": "31/12/2027" is not a date written YYYY-MM-DD');
  });

  it('URL: keeps an http(s) URL exactly as written, refuses a bare host name, an ftp URL and an empty string', async () => {
    const name = uniqueName('Acme');
    const created = await api.graphql(CreateOrganizationWithWebsite, { input: { name, kinds: ['CUSTOMER'], website: 'https://acme.example' } }, platformAdmin);
    // graphql-scalars' own URL would print it back normalised, as https://acme.example/.
    expect(dataOf(created).createOrganization).toMatchObject({ name, website: 'https://acme.example' });

    // An empty string, which the domain took as "no website", is refused too: no website is null.
    for (const website of ['acme.example', 'ftp://files.acme.example', '']) {
      const refused = await api.graphql(CreateOrganizationWithWebsite, { input: { name: uniqueName('Acme'), kinds: ['CUSTOMER'], website } }, platformAdmin);
      expect(refusedProblems(refused)).toEqual([{ path: 'website', message: `"${website}" is not an absolute http(s) URL` }]);
    }
  });

  it('URL deep in a list argument: the path names the argument, the line and the evidence', async () => {
    const { organizationId, admin } = await provider();
    const evidence = [
      { kind: 'POLICY' as const, title: 'Backup policy', url: 'https://trust.example/backup.pdf' },
      { kind: 'POLICY' as const, title: 'Keys', url: 'keys.pdf' },
    ];
    // Refused before the resolver looks the service up: no draft is needed to see it.
    const refused = await api.graphql(
      SetEvidence,
      { id: `${organizationId}-no-such-service`, rev: 1, r: [{ controlId: '12.3.1', ownership: 'PROVIDER', evidence }] },
      admin,
    );
    expect(refusedProblems(refused)).toEqual([{ path: 'responsibilities[0].evidence[1].url', message: '"keys.pdf" is not an absolute http(s) URL' }]);
  });

  it('NonEmptyString: refuses a name of white space only, and takes a real one', async () => {
    const refused = await api.graphql(CreateOrganizationWithWebsite, { input: { name: '   ', kinds: ['CUSTOMER'] } }, platformAdmin);
    expect(refusedProblems(refused)).toEqual([{ path: 'name', message: 'must not be empty' }]);
    const name = uniqueName('Initech');
    expect(dataOf(await api.graphql(CreateOrganizationWithWebsite, { input: { name, kinds: ['CUSTOMER'] } }, platformAdmin)).createOrganization).toMatchObject({
      name,
      website: null,
    });
  });

  it('PositiveInt: refuses version 0 and a fraction, and pins a customer to version 1', async () => {
    const { organizationId, admin } = await provider();
    const serviceId = await createService(api, admin, { name: 'Pinned Compute', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    const draft = await startDraft(api, admin, serviceId);
    expect(dataOf(await publish(api, admin, serviceId, draft.revision)).publishContractDraft.version).toBe(1);
    const customerId = await createOrganization(api, uniqueName('Customer'), ['CUSTOMER']);
    const customer = { subject: `admin@${customerId}`, organizationId: customerId, roles: ['CUSTOMER_ADMIN' as const] };

    for (const [pinnedVersion, shown] of [
      [0, '0'],
      [1.5, '1.5'],
    ] as const) {
      const refused = await api.graphql(SubscribePinned, { input: { serviceId, pinnedVersion, regions: ['eu-west-1'], startDate: '2026-12-01' } }, customer);
      expect(refusedProblems(refused)).toEqual([{ path: 'pinnedVersion', message: `must be a whole number of 1 or more (got ${shown})` }]);
    }
    // The README's example of a refused value, exactly.
    const badDate = await api.graphql(SubscribePinned, { input: { serviceId, regions: ['eu-west-1'], startDate: '2026-13-01' } }, customer);
    expect(refusedProblems(badDate)).toEqual([{ path: 'startDate', message: '"2026-13-01" is not a date written YYYY-MM-DD' }]);
    expect(firstError(badDate).message).toBe(
      'Variable "$input" got invalid value "2026-13-01" at "input.startDate"; "2026-13-01" is not a date written YYYY-MM-DD',
    );
    const pinned = await api.graphql(SubscribePinned, { input: { serviceId, pinnedVersion: 1, regions: ['eu-west-1'], startDate: '2026-12-01' } }, customer);
    expect(dataOf(pinned).subscribe).toEqual({ pinnedVersion: 1, effectiveVersion: 1, startDate: '2026-12-01' });
    expect(organizationId).not.toBe(customerId);
  });

  it('several refused values come in one response, one BAD_USER_INPUT error each; a value of the wrong type too', async () => {
    const refused = await api.graphql(CreateOrganizationWithWebsite, { input: { name: '', kinds: ['CUSTOMER'], website: 'www.example.com' } }, platformAdmin);
    expect(refusedProblems(refused)).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'website', message: '"www.example.com" is not an absolute http(s) URL' },
    ]);
    expect(refused.json.errors).toHaveLength(2);

    const { admin } = await provider();
    const wrongType = await api.graphql(
      CreateServiceWithCertifications,
      {
        input: {
          name: 'Numeric Date',
          serviceModel: 'IAAS',
          deploymentModel: 'PUBLIC',
          certifications: [{ kind: 'ISO_27001', issuer: 'BSI', expiresOn: 20270228 as unknown as string }],
        },
      },
      admin,
    );
    expect(refusedProblems(wrongType)).toEqual([{ path: 'certifications[0].expiresOn', message: '20270228 is not a date written YYYY-MM-DD' }]);

    // Not a scalar: an unknown enum value and a missing field in a variable get problems the same way.
    const wrongEnum = await api.graphql(
      SetEvidence,
      {
        id: 'any',
        rev: 1,
        r: [{ controlId: '5.1.1', ownership: 'SOMEBODY' as 'PROVIDER' }, { ownership: 'PROVIDER' } as { controlId: string; ownership: 'PROVIDER' }],
      },
      admin,
    );
    expect(refusedProblems(wrongEnum).map((p) => p.path)).toEqual(['responsibilities[0].ownership', 'responsibilities[1]']);
  });
});
