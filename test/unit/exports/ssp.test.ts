import { oscalSspProvider, oscalSspProviderJson } from '../../../src/domain/exports/oscalSsp';
import { exportUuids } from '../../../src/domain/exports/uuid';
import { oscalFixture, oscalValidator } from '../../helpers/oscal';
import { contractSource } from './contract';

// The provider-side SSP (customer responsibility matrix) against NIST's 1.1.3 SSP schema, with the
// references the schema cannot check: every provided-uuid names a provided item of its by-component.

const fixture = oscalFixture;
const errorsOf = oscalValidator('oscal_ssp_schema.json');

describe('the SSP validator', () => {
  it("passes NIST's leveraged SSP example and refuses broken copies", () => {
    expect(errorsOf(fixture('oscal_leveraged-example_ssp.json'))).toEqual([]);
    const broken = fixture('oscal_leveraged-example_ssp.json');
    broken['system-security-plan']['control-implementation']['implemented-requirements'][0]['control-id'] = '5.1.1';
    expect(errorsOf(broken)).not.toEqual([]);
    const noBoundary = fixture('oscal_leveraged-example_ssp.json');
    delete noBoundary['system-security-plan']['system-characteristics']['authorization-boundary'];
    expect(errorsOf(noBoundary)).not.toEqual([]);
  });
});

describe('a contract version as the provider side of an OSCAL SSP', () => {
  const source = contractSource();
  const doc = oscalSspProvider(source) as any;
  const requirements: any[] = doc['system-security-plan']['control-implementation']['implemented-requirements'];
  const byComponent = (controlId: string) => requirements.find((r) => r['control-id'] === `iso27017-${controlId}`)['by-components'][0];

  it('is valid OSCAL 1.1.3 with unique uuids and every provided-uuid and component-uuid resolving', () => {
    expect(errorsOf(doc)).toEqual([]);
    const all: string[] = [];
    JSON.stringify(doc, (key, value) => (key === 'uuid' && typeof value === 'string' ? (all.push(value), value) : value));
    expect(new Set(all).size).toBe(all.length);
    const components = new Set(doc['system-security-plan']['system-implementation'].components.map((c: any) => c.uuid));
    for (const r of requirements)
      for (const bc of r['by-components']) {
        expect(components.has(bc['component-uuid'])).toBe(true);
        const provided = new Set((bc.export?.provided ?? []).map((p: any) => p.uuid));
        for (const resp of bc.export?.responsibilities ?? []) if (resp['provided-uuid']) expect(provided.has(resp['provided-uuid'])).toBe(true);
      }
  });

  it('exports provided items and responsibilities as the crosswalk says, under the stable uuids', () => {
    const line = source.version.responsibilities.find((r) => r.controlId === '12.2.1')!;
    const shared = byComponent('12.2.1');
    expect(shared.export.provided.map((p: any) => p.uuid)).toEqual([exportUuids.provided('svc-nimbus-vm', line.providedId)]);
    expect(shared.export.responsibilities.map((r: any) => r.uuid)).toEqual(line.customerObligations.map((o) => exportUuids.obligation('svc-nimbus-vm', o.id)));
    // Only the obligation that unlocks the capability points at it.
    expect(shared.export.responsibilities.map((r: any) => Boolean(r['provided-uuid']))).toEqual(line.customerObligations.map((o) => o.unlocksProvided));
    const customer = source.version.responsibilities.find((r) => r.ownership === 'CUSTOMER')!;
    const own = byComponent(customer.controlId);
    expect(own.export.provided).toBeUndefined();
    expect(own.export.responsibilities.every((r: any) => !r['provided-uuid'])).toBe(true);
    expect(byComponent('11.1.1').export.responsibilities).toBeUndefined();
    expect(byComponent('14.2.7')).toMatchObject({ 'implementation-status': { state: 'not-applicable' }, description: 'No outsourced development.' });
    expect(byComponent('14.2.7').export).toBeUndefined();
  });

  it('is byte-identical when exported twice', () => {
    expect(oscalSspProviderJson(contractSource((lines) => [...lines].reverse()))).toBe(oscalSspProviderJson(source));
  });
});
