import { OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import type { Responsibility } from '../contracts/responsibility';
import { exportedControlId } from './controlIds';
import { ISO27017_SOURCE, ONUS_OSCAL_NS, oscalImplementationState, oscalMetadata } from './oscalComponentDefinition';
import { linesInCatalogueOrder, type ContractExportSource } from './source';
import { exportUuids, uuidV5 } from './uuid';

// The provider side of an OSCAL 1.1.3 system security plan for a published contract version: the
// machine-readable customer responsibility matrix. Each control is one implemented requirement with
// one by-component for the service, whose `export.provided` says what a customer inherits (the
// provider statement, under the control's stable provided uuid) and whose
// `export.responsibilities` lists each customer obligation under its stable uuid, pointing at the
// provided item (`provided-uuid`) when the customer must do it to inherit the capability. The
// crosswalk decides which of the two exist; a customer's own SSP points at these uuids.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

const text = (value: string | null | undefined, fallback: string): string => value?.trim() || fallback;
const prop = (name: string, value: string) => ({ name, ns: ONUS_OSCAL_NS, value });

function requirement(source: ContractExportSource, line: Responsibility): Json {
  const serviceId = source.service.id;
  const { oscal } = OWNERSHIP_CROSSWALK[line.ownership];
  const providedUuid = exportUuids.provided(serviceId, line.providedId);
  const provided = oscal.provided
    ? [
        {
          uuid: providedUuid,
          description: text(line.providerStatement, 'The provider carries this control.'),
          'responsible-roles': [{ 'role-id': 'provider' }],
        },
      ]
    : [];
  const responsibilities =
    oscal.responsibility === 'NONE'
      ? []
      : line.customerObligations.map((obligation) => ({
          uuid: exportUuids.obligation(serviceId, obligation.id),
          ...(oscal.responsibility === 'WITH_PROVIDED_UUID' && obligation.unlocksProvided ? { 'provided-uuid': providedUuid } : {}),
          description: text(obligation.text, 'Customer obligation.'),
          props: [prop('obligation-id', obligation.id)],
          'responsible-roles': [{ 'role-id': 'customer' }],
        }));
  const exported =
    provided.length || responsibilities.length
      ? { export: { ...(provided.length ? { provided } : {}), ...(responsibilities.length ? { responsibilities } : {}) } }
      : {};
  return {
    uuid: exportUuids.implementedRequirement(serviceId, line.providedId),
    'control-id': exportedControlId(line.controlId),
    props: [prop('ownership', line.ownership), ...(oscal.customerConfigured ? [prop('customer-configured', 'true')] : [])],
    'by-components': [
      {
        'component-uuid': exportUuids.component(serviceId),
        uuid: uuidV5(`by-component:${serviceId}:${line.providedId}`),
        description: text(
          line.ownership === 'NOT_APPLICABLE' ? line.justification : line.providerStatement,
          'The provider makes no statement on this control.',
        ),
        ...(line.upstreamServiceId ? { props: [prop('upstream-service-id', line.upstreamServiceId)] } : {}),
        ...exported,
        'implementation-status': { state: oscalImplementationState(line) },
      },
    ],
  };
}

/** The provider-side OSCAL SSP of a published contract version, as a JSON value (deterministic). */
export function oscalSspProvider(source: ContractExportSource): { 'system-security-plan': Json } {
  const { service, provider, version } = source;
  const partyUuid = exportUuids.organization(provider.id);
  const name = text(service.name, service.id);
  return {
    'system-security-plan': {
      uuid: uuidV5(`ssp-provider:${service.id}:${version.version}`),
      metadata: oscalMetadata(source, `${name}: customer responsibility matrix, contract version ${version.version}`),
      'import-profile': { href: ISO27017_SOURCE },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': ONUS_OSCAL_NS, id: service.id }],
        'system-name': name,
        description: text(service.description, `${name} (${service.serviceModel}).`),
        props: [
          { name: 'cloud-service-model', value: service.serviceModel.toLowerCase() },
          { name: 'cloud-deployment-model', value: `${service.deploymentModel.toLowerCase()}-cloud` },
        ],
        'system-information': {
          'information-types': [
            {
              uuid: uuidV5(`information-type:${service.id}`),
              title: 'Cloud service customer data',
              description: `The data customers keep in ${name}. Its categorization is each customer's to make.`,
            },
          ],
        },
        status: { state: 'operational' },
        'authorization-boundary': { description: `${name} as ${text(provider.name, provider.id)} operates it; customers' own use of it is outside.` },
      },
      'system-implementation': {
        users: [{ uuid: uuidV5(`user:${service.id}:customer`), title: 'Cloud service customer', 'role-ids': ['customer'] }],
        components: [
          {
            uuid: exportUuids.component(service.id),
            type: 'this-system',
            title: name,
            description: text(service.description, `${name} (${service.serviceModel}).`),
            status: { state: 'operational' },
            'responsible-roles': [{ 'role-id': 'provider', 'party-uuids': [partyUuid] }],
          },
        ],
      },
      'control-implementation': {
        description: `ISO/IEC 27017:2015 controls as ${name} version ${version.version} shares them: what customers inherit (provided) and what they must do (responsibilities). Control ids are the standard's, prefixed "iso27017-".`,
        'implemented-requirements': linesInCatalogueOrder(source).map((line) => requirement(source, line)),
      },
    },
  };
}

export const oscalSspProviderJson = (source: ContractExportSource): string => `${JSON.stringify(oscalSspProvider(source), null, 2)}\n`;
