import type { TrackingRecord } from '../../../src/domain/obligations/tracking';
import { oscalSspCustomer, oscalSspCustomerJson, type CustomerStackSource } from '../../../src/domain/exports/oscalSspCustomer';
import { oscalSspProvider } from '../../../src/domain/exports/oscalSsp';
import { oscalValidator } from '../../helpers/oscal';
import { catalogue, contractSource } from './contract';

// The customer side of an SSP: valid OSCAL, and every inherited and satisfied entry points at a
// provided item or a responsibility the provider-side SSP of the same version exports.

const errorsOf = oscalValidator('oscal_ssp_schema.json');
const provider = contractSource();
const record = (obligationId: string, status: TrackingRecord['status']): TrackingRecord => ({
  serviceId: provider.service.id,
  obligationId,
  status,
  reason: null,
  owner: 'Platform team',
  evidence: [],
  notes: null,
  recordedText: 'x',
  updatedAt: '2026-11-20T08:00:00.000Z',
  updatedBy: 'admin',
});
const source: CustomerStackSource = {
  customer: { id: 'org-globex', name: 'Globex Logistics' },
  services: [{ service: provider.service, provider: provider.provider, contract: provider.version }],
  tracking: [record('obl-hostile-0', 'IMPLEMENTED'), record('obl-hostile-1', 'PLANNED')],
  catalogue,
};

/** The values of every `key` in the document. */
const valuesOf = (doc: unknown, key: string): string[] => {
  const found: string[] = [];
  JSON.stringify(doc, (k, v) => (k === key && typeof v === 'string' ? (found.push(v), v) : v));
  return found;
};

describe("the customer side of an OSCAL SSP for a customer's stack", () => {
  const doc = oscalSspCustomer(source) as any;
  const ssp = doc['system-security-plan'];

  it('is valid OSCAL 1.1.3 with unique uuids', () => {
    expect(errorsOf(doc)).toEqual([]);
    const uuids = valuesOf(doc, 'uuid');
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it("points inherited and satisfied entries at the provider's provided items and responsibilities", () => {
    const providerSide = oscalSspProvider(provider);
    const provided = new Set(valuesOf(providerSide, 'uuid'));
    const inheritedRefs = valuesOf(doc, 'provided-uuid');
    const satisfiedRefs = valuesOf(doc, 'responsibility-uuid');
    expect(inheritedRefs.length).toBeGreaterThan(50);
    for (const ref of [...inheritedRefs, ...satisfiedRefs]) expect(provided.has(ref)).toBe(true);
    // Only the obligation recorded IMPLEMENTED is satisfied.
    expect(satisfiedRefs).toHaveLength(1);
    const components = new Set(ssp['system-implementation'].components.map((c: any) => c.uuid));
    for (const ref of valuesOf(doc, 'component-uuid')) expect(components.has(ref)).toBe(true);
    const leveraged = ssp['system-implementation']['leveraged-authorizations'];
    expect(leveraged).toEqual([expect.objectContaining({ title: 'Nimbus Virtual Machines, contract version 2', 'date-authorized': '2026-11-01' })]);
    expect(ssp.metadata['last-modified']).toBe('2026-11-20T08:00:00.000Z');
  });

  it('is byte-identical whatever order the records come in', () => {
    expect(oscalSspCustomerJson({ ...source, tracking: [...source.tracking].reverse() })).toBe(oscalSspCustomerJson(source));
  });
});
