import { availabilityStatementOf } from '../contracts/commitments';
import { commitmentTerms, type CommitmentTerm } from '../contracts/commitmentTerms';
import { OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import type { Ownership } from '../contracts/ownership';
import { relaysOf, type Responsibility } from '../contracts/responsibility';
import { exportedControlId } from './controlIds';
import { linesInCatalogueOrder, type ContractExportSource } from './source';
import { exportUuids } from './uuid';

// A published contract version as an OSCAL 1.1.3 component definition: the service is one component
// of type "service"; each control of the version is one implemented requirement whose description is
// the provider statement, whose responsible roles say who acts (provider, customer: from the
// ownership traits), and whose statements are the customer obligations, each with the stable uuid of
// the obligation. OSCAL's component definition has no `provided` / `responsibilities` (those are SSP
// fields): the crosswalk's values travel as properties in Onus's namespace.

export const OSCAL_VERSION = '1.1.3';
/** Namespace of Onus's own properties (OSCAL requires `ns` on properties it does not define). */
export const ONUS_OSCAL_NS = 'https://onus.dev/ns/oscal';
/** The catalogue the control ids name. There is no OSCAL catalogue of ISO/IEC 27017; this is the standard's page. */
export const ISO27017_SOURCE = 'https://www.iso.org/standard/43757.html';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Prop = { name: string; value: string; ns: string; remarks?: string };

const prop = (name: string, value: string): Prop => ({ name, ns: ONUS_OSCAL_NS, value });

/** OSCAL's implementation-status states, from Onus's enum. */
export const oscalImplementationState = (line: Responsibility): string =>
  OWNERSHIP_CROSSWALK[line.ownership].oscal.implementationState ?? line.status.toLowerCase().replace(/_/g, '-');

/** Who acts on a control, as OSCAL responsible roles: the provider when it provides something, the customer when it has responsibilities. */
export const oscalRoles = (ownership: Ownership): ('provider' | 'customer')[] => {
  const { provided, responsibility } = OWNERSHIP_CROSSWALK[ownership].oscal;
  return [...(provided ? (['provider'] as const) : []), ...(responsibility !== 'NONE' ? (['customer'] as const) : [])];
};

/** An SLA commitment term as a component property: its words as the value; comparison, target, unit, window and the controls it supports in remarks. */
function slaTermProp(term: CommitmentTerm): Prop & { class: string } {
  const comparison =
    term.comparison === 'EXCLUDED' ? 'Excluded' : `${term.comparison === 'AT_LEAST' ? 'At least' : 'At most'} ${term.target} ${term.unit.toLowerCase()}`;
  const controls = term.controlIds.length ? ` Supports ${term.controlIds.map(exportedControlId).join(', ')}.` : '';
  return {
    name: 'sla-term',
    ns: ONUS_OSCAL_NS,
    class: term.kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
    value: term.label,
    remarks: `${comparison}, ${term.window.toLowerCase().replace(/_/g, ' ')}.${controls}`,
  };
}

/** OSCAL strings may not be empty or start or end with whitespace (StringDatatype); markup may not be empty. */
const text = (value: string | null | undefined, fallback: string): string => {
  const trimmed = (value ?? '').trim();
  return trimmed || fallback;
};

function implementedRequirement(source: ContractExportSource, line: Responsibility): Json {
  const serviceId = source.service.id;
  const crosswalk = OWNERSHIP_CROSSWALK[line.ownership];
  const props: Prop[] = [
    prop('ownership', line.ownership),
    prop('implementation-status', oscalImplementationState(line)),
    ...(crosswalk.caiq ? [prop('caiq-ssrm-control-ownership', crosswalk.caiq)] : []),
    ...(crosswalk.fedrampCanBeInherited ? [prop('fedramp-can-be-inherited', crosswalk.fedrampCanBeInherited)] : []),
    ...(crosswalk.oscal.customerConfigured ? [prop('customer-configured', 'true')] : []),
    prop('provided-uuid', exportUuids.provided(serviceId, line.providedId)),
    ...(line.upstreamServiceId ? [prop('upstream-service-id', line.upstreamServiceId)] : []),
  ];
  const roles = oscalRoles(line.ownership).map((role) => ({ 'role-id': role }));
  const controlId = exportedControlId(line.controlId);
  const statements = line.customerObligations.map((obligation, index) => ({
    'statement-id': `${controlId}_smt.customer-${index + 1}`,
    uuid: exportUuids.obligation(serviceId, obligation.id),
    description: text(obligation.text, 'Customer obligation.'),
    props: [
      prop('obligation-id', obligation.id),
      prop('unlocks-provided', String(obligation.unlocksProvided)),
      ...relaysOf(obligation).map((relay) => prop('relays-upstream-obligation', `${relay.upstreamServiceId}/${relay.obligationId}`)),
    ],
    'responsible-roles': [{ 'role-id': 'customer' }],
  }));
  const remarks = line.ownership === 'NOT_APPLICABLE' ? line.justification : null;
  return {
    uuid: exportUuids.implementedRequirement(serviceId, line.providedId),
    'control-id': controlId,
    description: text(
      line.providerStatement,
      line.ownership === 'NOT_APPLICABLE' ? 'Not applicable to this service.' : 'The provider makes no statement on this control.',
    ),
    props,
    ...(line.evidence.length ? { links: line.evidence.map((e) => ({ href: e.url, rel: 'reference', text: text(e.title, e.url) })) } : {}),
    ...(roles.length ? { 'responsible-roles': roles } : {}),
    ...(statements.length ? { statements } : {}),
    ...(remarks?.trim() ? { remarks: remarks.trim() } : {}),
  };
}

/** The metadata both OSCAL documents carry: dates and version from the contract version, the provider as the one party. */
export function oscalMetadata(source: ContractExportSource, title: string): Json {
  const { provider, version } = source;
  const partyUuid = exportUuids.organization(provider.id);
  return {
    title,
    published: version.publishedAt,
    'last-modified': version.publishedAt,
    version: String(version.version),
    'oscal-version': OSCAL_VERSION,
    roles: [
      { id: 'provider', title: 'Cloud service provider' },
      { id: 'customer', title: 'Cloud service customer' },
    ],
    parties: [
      {
        uuid: partyUuid,
        type: 'organization',
        name: text(provider.name, provider.id),
        ...(provider.website ? { links: [{ href: provider.website, rel: 'website' }] } : {}),
      },
    ],
    'responsible-parties': [{ 'role-id': 'provider', 'party-uuids': [partyUuid] }],
    remarks: text(version.changeNote, 'Published.'),
  };
}

/** The OSCAL component definition of a published contract version, as a JSON value (deterministic). */
export function oscalComponentDefinition(source: ContractExportSource): { 'component-definition': Json } {
  const { service, provider, version } = source;
  const partyUuid = exportUuids.organization(provider.id);
  return {
    'component-definition': {
      uuid: exportUuids.componentDefinition(service.id, version.version),
      metadata: oscalMetadata(source, `${text(service.name, service.id)}: shared-responsibility contract, version ${version.version}`),
      components: [
        {
          uuid: exportUuids.component(service.id),
          type: 'service',
          title: text(service.name, service.id),
          description: text(service.description, `${service.name} (${service.serviceModel}).`),
          props: [
            prop('service-id', service.id),
            prop('cloud-service-model', service.serviceModel.toLowerCase()),
            prop('cloud-deployment-model', `${service.deploymentModel.toLowerCase()}-cloud`),
            prop('contract-version', String(version.version)),
            // The SLA commitments published with the version (none for versions stored before commitments existed).
            prop('sla-availability-statement', availabilityStatementOf(version)),
            ...commitmentTerms(version).map(slaTermProp),
          ],
          'responsible-roles': [{ 'role-id': 'provider', 'party-uuids': [partyUuid] }, { 'role-id': 'customer' }],
          'control-implementations': [
            {
              uuid: exportUuids.controlImplementation(service.id, version.version),
              source: ISO27017_SOURCE,
              description: `ISO/IEC 27017:2015 controls as ${text(service.name, service.id)} version ${version.version} shares them between the provider and its customers. Control ids are the standard's, prefixed "iso27017-".`,
              'implemented-requirements': linesInCatalogueOrder(source).map((line) => implementedRequirement(source, line)),
            },
          ],
        },
      ],
    },
  };
}

/** The document as exported: two-space indented JSON with a final newline. */
export const oscalComponentDefinitionJson = (source: ContractExportSource): string => `${JSON.stringify(oscalComponentDefinition(source), null, 2)}\n`;
