import { catalogueControlId, exportedControlId } from '../../../src/domain/exports/controlIds';
import { oscalComponentDefinition, oscalComponentDefinitionJson } from '../../../src/domain/exports/oscalComponentDefinition';
import { ONUS_UUID_NAMESPACE, uuidV5 } from '../../../src/domain/exports/uuid';
import { commitmentsFromInput } from '../../../src/domain/contracts/commitmentInput';
import { commitmentTerms } from '../../../src/domain/contracts/commitmentTerms';
import { oscalFixture, oscalValidator } from '../../helpers/oscal';
import { catalogue, contractSource } from './contract';

// OSCAL component definitions checked the way an auditor's tool would: against NIST's JSON schema
// (copied into test/fixtures/oscal, see its README), with a validator shown to bite, and for what
// the schema cannot say (uuids unique, references resolving).

const fixture = oscalFixture;
const errorsOf = oscalValidator('oscal_component_schema.json');

/** Every uuid in the document, wherever it appears, with how many times. */
function uuids(doc: unknown): Map<string, number> {
  const seen = new Map<string, number>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'uuid' && typeof inner === 'string') seen.set(inner, (seen.get(inner) ?? 0) + 1);
        walk(inner);
      }
  };
  walk(doc);
  return seen;
}
const duplicates = (doc: unknown) => [...uuids(doc)].filter(([, count]) => count > 1).map(([uuid]) => uuid);

describe('the validator', () => {
  it('passes NIST example component definition', () => {
    expect(errorsOf(fixture('example-component-definition.json'))).toEqual([]);
  });

  it('refuses broken documents: a control id starting with a digit, a uuid of version 1, a missing title, an unknown field', () => {
    const broken = (edit: (doc: any) => void) => {
      const doc = fixture('example-component-definition.json');
      edit(doc['component-definition']);
      return errorsOf(doc);
    };
    expect(broken((d) => (d.components[0]['control-implementations'][0]['implemented-requirements'][0]['control-id'] = '5.1.1'))).not.toEqual([]);
    expect(broken((d) => (d.uuid = 'c232d0a0-1dd1-11b2-8000-000000000000'))).not.toEqual([]);
    expect(broken((d) => delete d.metadata.title)).not.toEqual([]);
    expect(broken((d) => (d.components[0].owner = 'someone'))).not.toEqual([]);
  });

  it('accepts the prefixed ISO/IEC 27017 control ids (the schema tokens need unicodeRegExp to judge them right)', () => {
    const doc = fixture('example-component-definition.json');
    doc['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'][0]['control-id'] = 'iso27017-CLD.6.3.1';
    expect(errorsOf(doc)).toEqual([]);
  });

  it('finds the duplicated statement uuid in NIST example, which the schema cannot', () => {
    expect(duplicates(fixture('example-component-definition.json'))).toEqual(['bb9219b1-e51c-4680-abb0-616a43bbfbb1']);
  });
});

describe('uuid v5', () => {
  it('matches the RFC 9562 test vector and is fixed for Onus', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(ONUS_UUID_NAMESPACE).toBe('6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b');
  });
});

describe('control ids', () => {
  it('are prefixed into OSCAL tokens and back', () => {
    expect(exportedControlId('5.1.1')).toBe('iso27017-5.1.1');
    expect(exportedControlId('CLD.6.3.1')).toBe('iso27017-CLD.6.3.1');
    expect(catalogueControlId('iso27017-CLD.6.3.1')).toBe('CLD.6.3.1');
    expect(catalogueControlId('5.1.1')).toBeNull();
    for (const control of catalogue.controls) expect(exportedControlId(control.id)).toMatch(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u);
  });
});

describe('a contract version as an OSCAL component definition', () => {
  const source = contractSource();
  const doc = oscalComponentDefinition(source) as any;
  const definition = doc['component-definition'];
  const component = definition.components[0];
  const requirements: any[] = component['control-implementations'][0]['implemented-requirements'];

  it('is valid OSCAL 1.1.3', () => {
    expect(errorsOf(doc)).toEqual([]);
    expect(definition.metadata['oscal-version']).toBe('1.1.3');
  });

  it('has unique uuids, all version 5, and every role and party it names exists', () => {
    expect(duplicates(doc)).toEqual([]);
    for (const uuid of uuids(doc).keys()) expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const roles = new Set(definition.metadata.roles.map((r: any) => r.id));
    const parties = new Set(definition.metadata.parties.map((p: any) => p.uuid));
    const named: any[] = [
      ...definition.metadata['responsible-parties'],
      ...component['responsible-roles'],
      ...requirements.flatMap((r) => [...(r['responsible-roles'] ?? []), ...(r.statements ?? []).flatMap((s: any) => s['responsible-roles'] ?? [])]),
    ];
    for (const role of named) {
      expect(roles.has(role['role-id'])).toBe(true);
      for (const party of role['party-uuids'] ?? []) expect(parties.has(party)).toBe(true);
    }
  });

  it('holds one implemented requirement per control, in catalogue order, with the provider statement and the obligations', () => {
    expect(requirements.map((r) => r['control-id'])).toEqual(catalogue.controls.map((c) => exportedControlId(c.id)));
    const line = source.version.responsibilities.find((r) => r.controlId === '12.2.1')!;
    const req = requirements.find((r) => r['control-id'] === 'iso27017-12.2.1');
    expect(req.description).toBe(line.providerStatement);
    expect(req.statements.map((s: any) => s.description)).toEqual(line.customerObligations.map((o) => o.text.trim()));
    expect(req['responsible-roles']).toEqual([{ 'role-id': 'provider' }, { 'role-id': 'customer' }]);
    const prop = (r: any, name: string) => r.props.find((p: any) => p.name === name)?.value;
    expect(prop(req, 'ownership')).toBe(line.ownership);
    const na = requirements.find((r) => r['control-id'] === 'iso27017-14.2.7');
    expect(prop(na, 'implementation-status')).toBe('not-applicable');
    expect(na.remarks).toBe('No outsourced development.');
    expect(na['responsible-roles']).toBeUndefined();
    const upstream = requirements.find((r) => r['control-id'] === 'iso27017-11.1.1');
    expect(prop(upstream, 'caiq-ssrm-control-ownership')).toBe('3rd-party outsourced');
    expect(upstream.links).toEqual([{ href: 'https://trust.example.com/iso', rel: 'reference', text: 'ISO 27001 certificate' }]);
  });

  it('keeps the uuids of items that keep their ids across versions, and dates from the version', () => {
    const next = oscalComponentDefinition({ ...source, version: { ...source.version, version: 3, publishedAt: '2027-01-01T00:00:00.000Z' } }) as any;
    const nextRequirements = next['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'];
    expect(next['component-definition'].uuid).not.toBe(definition.uuid);
    expect(nextRequirements.map((r: any) => r.uuid)).toEqual(requirements.map((r) => r.uuid));
    expect(next['component-definition'].components[0].uuid).toBe(component.uuid);
    expect(definition.metadata['last-modified']).toBe('2026-11-01T10:00:00.000Z');
  });

  it('is byte-identical when exported twice, whatever order the lines are stored in', () => {
    const first = oscalComponentDefinitionJson(source);
    expect(oscalComponentDefinitionJson(contractSource())).toBe(first);
    expect(oscalComponentDefinitionJson(contractSource((lines) => [...lines].reverse()))).toBe(first);
  });

  it('carries the SLA commitments as component properties, and says when none are stated', () => {
    expect(component.props).toContainEqual({ name: 'sla-availability-statement', ns: 'https://onus.dev/ns/oscal', value: 'NOT_STATED' });
    const commitments = commitmentsFromInput({
      availability: {
        targets: [{ scope: { tier: 'multi-zone' }, targetPercent: 99.99 }],
        downtime: { errorRatePercent: 5, consecutiveMinutes: 5, description: 'Share of API calls answered 5xx' },
      },
      serviceCredits: { schedules: [{ tiers: [{ belowPercent: 99.99, creditPercent: 10 }], claimWindowMonths: 2, capPercent: 100 }] },
      incidentNotification: { within: { value: 24, unit: 'HOURS' } },
    });
    const withSla = oscalComponentDefinition({ ...source, version: { ...source.version, commitments } }) as any;
    expect(errorsOf(withSla)).toEqual([]);
    const props = withSla['component-definition'].components[0].props;
    expect(props).toContainEqual(expect.objectContaining({ name: 'sla-availability-statement', value: 'COMMITTED' }));
    const terms = props.filter((p: any) => p.name === 'sla-term');
    expect(terms.length).toBe(commitmentTerms({ commitments }).length);
    expect(terms).toContainEqual(
      expect.objectContaining({ class: 'availability', remarks: 'At least 99.99 percent, calendar month. Supports iso27017-17.2.1.' }),
    );
    expect(terms).toContainEqual(expect.objectContaining({ class: 'incident-notification', remarks: expect.stringContaining('iso27017-16.1.2') }));
  });
});
