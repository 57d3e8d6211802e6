import { plural } from '../text';
import type { ControlIndex, Responsibility } from '../contracts/responsibility';
import { OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import type { ContractVersion } from '../contracts/version';
import type { TrackingRecord } from '../obligations/tracking';
import { badInput } from '../errors';
import type { Organization } from '../organizations/organization';
import { exportedControlId } from './controlIds';
import { ISO27017_SOURCE, ONUS_OSCAL_NS, OSCAL_VERSION } from './oscalComponentDefinition';
import { exportUuids, uuidV5 } from './uuid';

// The customer side of an OSCAL 1.1.3 SSP for a customer's stack, so its own SSP starts from what
// Onus knows: one leveraged authorization per subscription (the provider and the contract version
// in effect), each service a leveraged component, and per control, for each service, `inherited`
// entries pointing at the provider's provided uuid and `satisfied` entries, pointing at the
// responsibility uuid, for each obligation the customer has recorded IMPLEMENTED. The uuids are
// the ones the provider-side SSP exports; the document's date is the latest of the versions and
// records it reads, never the clock, so the same stack exports byte-identically.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

export interface CustomerStackService {
  readonly service: { readonly id: string; readonly name: string };
  readonly provider: Pick<Organization, 'id' | 'name'>;
  readonly contract: Pick<ContractVersion, 'version' | 'publishedAt' | 'responsibilities'>;
}

export interface CustomerStackSource {
  readonly customer: Pick<Organization, 'id' | 'name'>;
  readonly services: readonly CustomerStackService[];
  readonly tracking: readonly TrackingRecord[];
  readonly catalogue: ControlIndex;
}

const text = (value: string | null | undefined, fallback: string): string => value?.trim() || fallback;
const prop = (name: string, value: string) => ({ name, ns: ONUS_OSCAL_NS, value });
const EPOCH = '1970-01-01T00:00:00.000Z';

export function oscalSspCustomer(source: CustomerStackSource): { 'system-security-plan': Json } {
  const { customer, catalogue } = source;
  // OSCAL requires at least one implemented requirement: there is nothing to say without a contract in effect.
  if (!source.services.length)
    throw badInput(`${customer.name} has no subscription with a contract in effect: an SSP of its stack would be empty.`, [
      { path: 'format', message: 'needs at least one subscription with a contract in effect' },
    ]);
  const services = [...source.services].sort((a, b) => a.service.name.localeCompare(b.service.name, 'en') || (a.service.id < b.service.id ? -1 : 1));
  const done = new Map(source.tracking.filter((t) => t.status === 'IMPLEMENTED').map((t) => [`${t.serviceId}\u0000${t.obligationId}`, t]));
  const latest = [...services.map((s) => s.contract.publishedAt), ...source.tracking.map((t) => t.updatedAt)].reduce((a, b) => (b > a ? b : a), EPOCH);
  const signature = services.map((s) => `${s.service.id}@${s.contract.version}`).join(',');
  const customerParty = exportUuids.organization(customer.id);
  const providers = [...new Map(services.map((s) => [s.provider.id, s.provider])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const leveraged = (serviceId: string) => uuidV5(`leveraged-authorization:${customer.id}:${serviceId}`);
  const componentOf = (serviceId: string) => uuidV5(`leveraged-component:${customer.id}:${serviceId}`);
  const thisSystem = uuidV5(`customer-system:${customer.id}`);

  const byComponent = (entry: CustomerStackService, line: Responsibility): Json => {
    const serviceId = entry.service.id;
    const { oscal } = OWNERSHIP_CROSSWALK[line.ownership];
    const inherited = oscal.provided
      ? [
          {
            uuid: uuidV5(`inherited:${customer.id}:${serviceId}:${line.providedId}`),
            'provided-uuid': exportUuids.provided(serviceId, line.providedId),
            description: text(line.providerStatement, `${entry.service.name} carries this control.`),
          },
        ]
      : [];
    const satisfied = line.customerObligations.flatMap((obligation) => {
      const record = done.get(`${serviceId}\u0000${obligation.id}`);
      return record
        ? [
            {
              uuid: uuidV5(`satisfied:${customer.id}:${serviceId}:${obligation.id}`),
              'responsibility-uuid': exportUuids.obligation(serviceId, obligation.id),
              description: text(record.notes, text(obligation.text, 'Implemented.')),
              ...(record.owner?.trim() ? { props: [prop('owner', record.owner.trim())] } : {}),
            },
          ]
        : [];
    });
    const open = line.customerObligations.length - satisfied.length;
    return {
      'component-uuid': componentOf(serviceId),
      uuid: uuidV5(`customer-by-component:${customer.id}:${serviceId}:${line.providedId}`),
      description: `${entry.service.name} version ${entry.contract.version}: ${line.ownership.toLowerCase().replace(/_/g, ' ')}.${open ? ` ${plural(open, 'customer obligation')} not recorded as implemented.` : ''}`,
      props: [prop('ownership', line.ownership)],
      ...(inherited.length ? { inherited } : {}),
      ...(satisfied.length ? { satisfied } : {}),
    };
  };

  const requirements = catalogue.controls.flatMap((control) => {
    const lines = services.flatMap((entry) => entry.contract.responsibilities.filter((r) => r.controlId === control.id).map((line) => ({ entry, line })));
    return lines.length
      ? [
          {
            uuid: uuidV5(`customer-requirement:${customer.id}:${control.id}`),
            'control-id': exportedControlId(control.id),
            'by-components': lines.map(({ entry, line }) => byComponent(entry, line)),
          },
        ]
      : [];
  });

  return {
    'system-security-plan': {
      uuid: uuidV5(`ssp-customer:${customer.id}:${signature}`),
      metadata: {
        title: `${text(customer.name, customer.id)}: what its cloud stack inherits and what it has done`,
        'last-modified': latest,
        version: signature || 'empty stack',
        'oscal-version': OSCAL_VERSION,
        roles: [
          { id: 'provider', title: 'Cloud service provider' },
          { id: 'customer', title: 'Cloud service customer' },
        ],
        parties: [
          { uuid: customerParty, type: 'organization', name: text(customer.name, customer.id) },
          ...providers.map((p) => ({ uuid: exportUuids.organization(p.id), type: 'organization', name: text(p.name, p.id) })),
        ],
        'responsible-parties': [{ 'role-id': 'customer', 'party-uuids': [customerParty] }],
      },
      'import-profile': { href: ISO27017_SOURCE },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': ONUS_OSCAL_NS, id: customer.id }],
        'system-name': `${text(customer.name, customer.id)} cloud stack`,
        description: `The cloud services ${text(customer.name, customer.id)} subscribes to, as its contracts in effect share them.`,
        'system-information': {
          'information-types': [
            {
              uuid: uuidV5(`information-type:customer:${customer.id}`),
              title: 'Customer data',
              description: 'The data the organization keeps in its cloud services.',
            },
          ],
        },
        status: { state: 'operational' },
        'authorization-boundary': { description: `${text(customer.name, customer.id)}'s use of its subscribed cloud services.` },
      },
      'system-implementation': {
        'leveraged-authorizations': services.length
          ? services.map((s) => ({
              uuid: leveraged(s.service.id),
              title: `${text(s.service.name, s.service.id)}, contract version ${s.contract.version}`,
              'party-uuid': exportUuids.organization(s.provider.id),
              'date-authorized': s.contract.publishedAt.slice(0, 10),
            }))
          : undefined,
        users: [{ uuid: uuidV5(`user:customer:${customer.id}`), title: 'Customer administrator', 'role-ids': ['customer'] }],
        components: [
          {
            uuid: thisSystem,
            type: 'this-system',
            title: `${text(customer.name, customer.id)} cloud stack`,
            description: 'The organization\u2019s own part.',
            status: { state: 'operational' },
          },
          ...services.map((s) => ({
            uuid: componentOf(s.service.id),
            type: 'system',
            title: text(s.service.name, s.service.id),
            description: `${text(s.service.name, s.service.id)} by ${text(s.provider.name, s.provider.id)}, contract version ${s.contract.version}.`,
            props: [
              { name: 'implementation-point', value: 'external' },
              { name: 'leveraged-authorization-uuid', value: leveraged(s.service.id) },
              { name: 'inherited-uuid', value: exportUuids.component(s.service.id) },
            ],
            status: { state: 'operational' },
          })),
        ],
      },
      'control-implementation': {
        description: `ISO/IEC 27017:2015 controls across ${text(customer.name, customer.id)}'s stack. Control ids are the standard's, prefixed "iso27017-".`,
        'implemented-requirements': requirements,
      },
    },
  };
}

export const oscalSspCustomerJson = (source: CustomerStackSource): string => `${JSON.stringify(oscalSspCustomer(source), null, 2)}\n`;
