import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_DEPARTURES, templateResponsibilities } from '../../../src/domain/contracts/template';
import { validateContract } from '../../../src/domain/contracts/validation';
import { SERVICE_MODELS, type ServiceModel } from '../../../src/domain/services/service';

const catalogue = new Catalogue();
const sequence = () => {
  let n = 0;
  return () => `id-${++n}`;
};
const template = (model: ServiceModel) => templateResponsibilities(catalogue, model, sequence());
const ownershipOf = (model: ServiceModel, controlId: string) => template(model).find((r) => r.controlId === controlId)?.ownership;

describe('the service-model templates', () => {
  it('leave the IaaS provider the datacenter and the customer the operating system and data', () => {
    expect(ownershipOf('IAAS', '11.1.1')).toBe('PROVIDER');
    expect(ownershipOf('IAAS', '12.2.1')).toBe('CUSTOMER');
    expect(ownershipOf('IAAS', '12.3.1')).toBe('CUSTOMER');
    expect(ownershipOf('IAAS', '13.1.1')).toBe('CUSTOMER_CONFIGURED');
  });

  it('hand the operating system to the provider in PaaS and SaaS, the data never', () => {
    expect(ownershipOf('PAAS', '12.2.1')).toBe('PROVIDER');
    expect(ownershipOf('SAAS', '12.2.1')).toBe('PROVIDER');
    // Except backup in a SaaS: only the provider can reach the storage (TEMPLATE_DEPARTURES).
    expect(ownershipOf('SAAS', '12.3.1')).toBe('SHARED');
    expect(ownershipOf('PAAS', '12.3.1')).toBe('CUSTOMER');
    expect(ownershipOf('SAAS', '9.2.1')).toBe('SHARED');
  });

  it('make a control SHARED when its layers fall to different parties', () => {
    // 8.3.1 removable media: physical (provider) and data (customer).
    expect(ownershipOf('IAAS', '8.3.1')).toBe('SHARED');
    // 12.4.1 event logging: application and OS are both the customer's in IaaS, both the provider's in SaaS.
    expect(ownershipOf('IAAS', '12.4.1')).toBe('CUSTOMER');
    expect(ownershipOf('SAAS', '12.4.1')).toBe('PROVIDER');
  });

  it.each(SERVICE_MODELS)('%s: covers all 121 controls in catalogue order and is publishable as is', (model) => {
    const draft = template(model);
    expect(draft.map((r) => r.controlId)).toEqual(catalogue.controls.map((c) => c.id));
    expect(validateContract(catalogue, draft, { upstreamServiceIds: [] })).toEqual([]);
  });

  it('words each line for its own control and model, with ids that are all distinct', () => {
    const draft = templateResponsibilities(catalogue, 'SAAS', sequence(), { providerName: 'Acme Mail' });
    const malware = draft.find((r) => r.controlId === '12.2.1')!;
    expect(malware.providerStatement).toContain('Acme Mail implements 12.2.1 "Controls against malware" for the SaaS platform');
    const classification = draft.find((r) => r.controlId === '8.2.1')!;
    expect(classification.providerStatement).toBeNull();
    expect(classification.customerObligations).toEqual([
      {
        id: expect.any(String),
        text: expect.stringContaining('Implement 8.2.1 "Classification of information" for your own use of the SaaS service'),
        unlocksProvided: false,
      },
    ]);
    expect(draft.find((r) => r.controlId === '12.3.1')!.providerStatement).toMatch(/^Acme Mail backs up the data/);
    const texts = draft.flatMap((r) => [r.providerStatement, ...r.customerObligations.map((o) => o.text)]).filter((t) => t !== null);
    expect(new Set(texts).size).toBe(texts.length);
    const ids = draft.flatMap((r) => [r.providedId, ...r.customerObligations.map((o) => o.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('links a shared obligation to what the provider provides, and a customer-only one to nothing', () => {
    const draft = template('IAAS');
    expect(draft.find((r) => r.controlId === '5.1.1')!.customerObligations[0]!.unlocksProvided).toBe(true);
    expect(draft.find((r) => r.controlId === '12.2.1')!.customerObligations[0]!.unlocksProvided).toBe(false);
  });

  it('document every departure from the well-known split in the README', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    // Table rows, however Prettier pads them: the cells of every line that starts with "|".
    const rows = readme
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    for (const d of TEMPLATE_DEPARTURES) expect(rows).toContainEqual([d.controlId, d.model, d.ownership, d.reason]);
    const backup = template('SAAS').find((r) => r.controlId === '12.3.1')!;
    expect(backup.providerStatement).toMatch(/^The provider backs up the data/);
  });
});
