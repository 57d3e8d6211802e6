import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { graphql } from '../generated';
import type { ExportFormat } from '../generated/graphql';
import { createTestApi, type TestApi } from '../helpers/api';
import { oscalValidator } from '../helpers/oscal';
import { dataOf, firstError } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer, uniqueName } from '../helpers/world';

// Exports as a client sees them: any signed-in caller exports a published version in the formats
// auditors' and GRC tools read; the documents are valid, complete and the same on every export.

const Export = graphql(`
  query ExportVersion($id: ID!, $version: Int!, $format: ExportFormat!) {
    cloudService(id: $id) {
      contractVersion(version: $version) {
        publishedAt
        responsibilities {
          control {
            id
          }
          ownership
          providerStatement
          customerObligations {
            text
          }
        }
        export(format: $format) {
          format
          fileName
          mediaType
          content
        }
      }
    }
  }
`);

const Matrix = graphql(`
  query ResponsibilityMatrix($format: StackExportFormat!, $customer: ID) {
    responsibilityMatrix(format: $format, customerOrganizationId: $customer) {
      format
      fileName
      mediaType
      content
    }
  }
`);

describe('contract exports', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  /** A provider's IaaS service with version 1 published from the template, and a customer of another organization (not subscribed). */
  async function world() {
    const provider = await createOrganization(api, uniqueName('Export Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const name = uniqueName('Export VMs');
    const serviceId = await createService(api, admin, { name, serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    const draft = await startDraft(api, admin, serviceId);
    dataOf(await publish(api, admin, serviceId, draft.revision, 'First contract'));
    const reader = await subscribedCustomer(api, []);
    return { serviceId, name, reader: reader.auditor };
  }

  it('give any signed-in caller the OSCAL component definition of a published version, valid against NIST schema', async () => {
    const { serviceId, name, reader } = await world();
    const version = dataOf(await api.graphql(Export, { id: serviceId, version: 1, format: 'OSCAL_COMPONENT_DEFINITION' }, reader)).cloudService!
      .contractVersion;
    expect(version.export).toMatchObject({ format: 'OSCAL_COMPONENT_DEFINITION', mediaType: 'application/json' });
    expect(version.export.fileName).toMatch(/^export-vms-[0-9a-f]{8}-v1-oscal-component-definition\.json$/);
    const doc = JSON.parse(version.export.content);
    expect(oscalValidator('oscal_component_schema.json')(doc)).toEqual([]);
    const definition = doc['component-definition'];
    expect(definition.metadata['last-modified']).toBe(version.publishedAt);
    expect(definition.components[0].title).toBe(name);
    const requirements = definition.components[0]['control-implementations'][0]['implemented-requirements'];
    expect(requirements.map((r: any) => r['control-id'])).toEqual(version.responsibilities.map((r) => `iso27017-${r.control.id}`));
    expect(requirements.map((r: any) => (r.statements ?? []).map((s: any) => s.description))).toEqual(
      version.responsibilities.map((r) => r.customerObligations.map((o) => o.text)),
    );
  });

  it('give the provider side of an OSCAL SSP, valid against NIST schema: what customers inherit and what they must do', async () => {
    const { serviceId, reader } = await world();
    const version = dataOf(await api.graphql(Export, { id: serviceId, version: 1, format: 'OSCAL_SSP_PROVIDER' }, reader)).cloudService!.contractVersion;
    expect(version.export.fileName).toMatch(/-v1-oscal-ssp-provider\.json$/);
    const doc = JSON.parse(version.export.content);
    expect(oscalValidator('oscal_ssp_schema.json')(doc)).toEqual([]);
    const requirements = doc['system-security-plan']['control-implementation']['implemented-requirements'];
    version.responsibilities.forEach((line, i) => {
      const exported = requirements[i]['by-components'][0].export ?? {};
      expect((exported.responsibilities ?? []).map((r: any) => r.description)).toEqual(line.customerObligations.map((o) => o.text));
      expect(Boolean(exported.provided)).toBe(['PROVIDER', 'PROVIDER_VIA_UPSTREAM', 'SHARED', 'CUSTOMER_CONFIGURED'].includes(line.ownership));
    });
  });

  it('give CAIQ v4 and FedRAMP CRM rows as CSV a spreadsheet opens as is, one row per control with the crosswalk values', async () => {
    const { serviceId, name, reader } = await world();
    const exported = async (format: ExportFormat) =>
      dataOf(await api.graphql(Export, { id: serviceId, version: 1, format }, reader)).cloudService!.contractVersion;
    const caiq = await exported('CAIQ_V4_CSV');
    expect(caiq.export).toMatchObject({ format: 'CAIQ_V4_CSV', mediaType: 'text/csv; charset=utf-8' });
    expect(caiq.export.fileName).toMatch(/-v1-caiq-v4\.csv$/);
    expect(caiq.export.content.startsWith('\uFEFFControl ID,')).toBe(true);
    const caiqRows: string[][] = parse(caiq.export.content, { bom: true });
    expect(caiqRows).toHaveLength(1 + caiq.responsibilities.length);
    const ownership = { PROVIDER: 'CSP-owned', SHARED: 'Shared CSP and CSC', CUSTOMER_CONFIGURED: 'Shared CSP and CSC', CUSTOMER: 'CSC-owned' } as Record<
      string,
      string
    >;
    caiq.responsibilities.forEach((line, i) => {
      const row = caiqRows[i + 1]!;
      expect(row[0]).toBe(`iso27017-${line.control.id}`);
      expect(row[3]).toBe(ownership[line.ownership]);
      expect(row[4]).toBe(line.providerStatement ?? '');
      const texts = line.customerObligations.map((o) => o.text);
      expect(row[5]).toBe(texts.length === 1 ? texts[0] : texts.map((t, n) => `${n + 1}. ${t}`).join('\n'));
    });

    const crm = await exported('FEDRAMP_CRM_CSV');
    const crmRows: string[][] = parse(crm.export.content, { bom: true });
    expect(crmRows[0]).toEqual(['Service', 'Control ID', 'Can Be Inherited from CSP', 'Specific Inheritance and Customer Responsibilities']);
    const inheritable = { PROVIDER: 'Yes', SHARED: 'Partial', CUSTOMER_CONFIGURED: 'Partial', CUSTOMER: 'No' } as Record<string, string>;
    crm.responsibilities.forEach((line, i) => expect(crmRows[i + 1]!.slice(0, 3)).toEqual([name, `iso27017-${line.control.id}`, inheritable[line.ownership]]));
  });

  it('are byte-identical whenever the same version is exported, and far below the response limit', async () => {
    const { serviceId, reader } = await world();
    for (const format of ['OSCAL_COMPONENT_DEFINITION', 'OSCAL_SSP_PROVIDER', 'CAIQ_V4_CSV', 'FEDRAMP_CRM_CSV'] as const) {
      const once = dataOf(await api.graphql(Export, { id: serviceId, version: 1, format }, reader)).cloudService!.contractVersion.export.content;
      const again = dataOf(await api.graphql(Export, { id: serviceId, version: 1, format }, reader)).cloudService!.contractVersion.export.content;
      expect(again).toBe(once);
      // A 121-control template contract: ~300 KB of OSCAL, 30-50 KB of CSV; the limit is 5,000,000 bytes.
      expect(Buffer.byteLength(once)).toBeLessThan(500_000);
    }
  });

  it('come gzip-compressed and base64-encoded when asked (for documents the response limit refuses as they are), decoding to the same bytes', async () => {
    const { serviceId, reader } = await world();
    const Packed = graphql(`
      query PackedExport($id: ID!, $format: ExportFormat!, $encoding: ExportEncoding) {
        cloudService(id: $id) {
          contractVersion(version: 1) {
            export(format: $format, encoding: $encoding) {
              encoding
              bytes
              content
            }
          }
        }
      }
    `);
    const asked = async (encoding: 'NONE' | 'GZIP_BASE64') =>
      dataOf(await api.graphql(Packed, { id: serviceId, format: 'OSCAL_COMPONENT_DEFINITION', encoding }, reader)).cloudService!.contractVersion.export;
    const plain = await asked('NONE');
    const packed = await asked('GZIP_BASE64');
    expect(packed).toMatchObject({ encoding: 'GZIP_BASE64', bytes: Buffer.byteLength(plain.content) });
    expect(gunzipSync(Buffer.from(packed.content, 'base64')).toString('utf8')).toBe(plain.content);
    expect(packed.content.length).toBeLessThan(plain.content.length / 4);
  });

  it('answer NOT_FOUND for a version that is not published', async () => {
    const { serviceId, reader } = await world();
    const result = await api.graphql(Export, { id: serviceId, version: 2, format: 'CAIQ_V4_CSV' }, reader);
    expect(firstError(result).extensions.code).toBe('NOT_FOUND');
  });

  it("give a customer's admins and auditors its responsibility matrix across its stack, and nobody else", async () => {
    const provider = await createOrganization(api, uniqueName('Matrix Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const names = [uniqueName('Zeta Store'), uniqueName('Alpha Compute')];
    const ids: string[] = [];
    for (const name of names) {
      const serviceId = await createService(api, admin, { name, serviceModel: 'PAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
      dataOf(await publish(api, admin, serviceId, (await startDraft(api, admin, serviceId)).revision));
      ids.push(serviceId);
    }
    const customer = await subscribedCustomer(api, ids, uniqueName('Matrix Customer'));
    const matrix = dataOf(await api.graphql(Matrix, { format: 'FEDRAMP_CRM_CSV' }, customer.auditor)).responsibilityMatrix;
    expect(matrix).toMatchObject({ format: 'FEDRAMP_CRM_CSV', mediaType: 'text/csv; charset=utf-8' });
    expect(matrix.fileName).toMatch(/^matrix-customer-[0-9a-f]{8}-stack-fedramp-crm\.csv$/);
    const rows: string[][] = parse(matrix.content, { bom: true });
    expect(rows).toHaveLength(1 + 2 * 121);
    expect([...new Set(rows.slice(1).map((r) => r[0]))]).toEqual([names[1], names[0]]);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(['1']));
    const caiq = dataOf(await api.graphql(Matrix, { format: 'CAIQ_V4_CSV', customer: customer.organizationId }, customer.admin)).responsibilityMatrix;
    expect(parse(caiq.content, { bom: true })).toHaveLength(1 + 2 * 121);

    const ssp = dataOf(await api.graphql(Matrix, { format: 'OSCAL_SSP_CUSTOMER' }, customer.admin)).responsibilityMatrix;
    expect(ssp).toMatchObject({ format: 'OSCAL_SSP_CUSTOMER', mediaType: 'application/json' });
    const doc = JSON.parse(ssp.content);
    expect(oscalValidator('oscal_ssp_schema.json')(doc)).toEqual([]);
    expect(doc['system-security-plan']['system-implementation']['leveraged-authorizations'].map((l: any) => l.title)).toEqual(
      [names[1], names[0]].map((n) => `${n}, contract version 1`),
    );
    // What the customer inherits points at what the provider side exports.
    const providerSide = dataOf(await api.graphql(Export, { id: ids[0]!, version: 1, format: 'OSCAL_SSP_PROVIDER' }, customer.admin)).cloudService!
      .contractVersion.export.content;
    const inherited = [...ssp.content.matchAll(/"provided-uuid": "([0-9a-f-]+)"/g)].map((m) => m[1]!);
    const provided = new Set([...providerSide.matchAll(/"uuid": "([0-9a-f-]+)"/g)].map((m) => m[1]!));
    expect(inherited.filter((uuid) => provided.has(uuid)).length).toBeGreaterThan(50);

    const other = await subscribedCustomer(api, []);
    expect(firstError(await api.graphql(Matrix, { format: 'OSCAL_SSP_CUSTOMER' }, other.admin)).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(await api.graphql(Matrix, { format: 'CAIQ_V4_CSV', customer: customer.organizationId }, other.admin)).extensions.code).toBe('FORBIDDEN');
    expect(firstError(await api.graphql(Matrix, { format: 'CAIQ_V4_CSV', customer: customer.organizationId }, admin)).extensions.code).toBe('FORBIDDEN');
  });
});
