import type { Identity } from './tokens';
import type { Organization } from '../src/domain/organizations/organization';

// The demo world npm start seeds: an IaaS provider, a PaaS built on it, a SaaS built on the PaaS,
// and a customer that buys from all three. Fixed ids keep seeding idempotent and tokens stable.
export const DEMO_ORGANIZATIONS: readonly Omit<Organization, 'createdAt'>[] = [
  {
    id: 'org-nimbus',
    name: 'Nimbus Compute',
    kinds: ['PROVIDER'],
    website: 'https://nimbus.example',
    description: 'Infrastructure as a service: virtual machines, block storage and networks in three regions.',
  },
  {
    id: 'org-stratus',
    name: 'Stratus Platform',
    kinds: ['PROVIDER', 'CUSTOMER'],
    website: 'https://stratus.example',
    description: 'A managed application platform (PaaS) running on Nimbus Compute.',
  },
  {
    id: 'org-cirrus',
    name: 'Cirrus HR',
    kinds: ['PROVIDER', 'CUSTOMER'],
    website: 'https://cirrus.example',
    description: 'HR software as a service, built on Stratus Platform.',
  },
  {
    id: 'org-acme',
    name: 'Acme Retail',
    kinds: ['CUSTOMER'],
    website: 'https://acme.example',
    description: 'A retailer about to buy from Nimbus, Stratus and Cirrus: not subscribed yet.',
  },
  {
    id: 'org-globex',
    name: 'Globex Logistics',
    kinds: ['CUSTOMER'],
    website: 'https://globex.example',
    description: 'A logistics firm subscribed to all three demo services, with some obligations already tracked.',
  },
];

export const DEMO_IDENTITIES: Readonly<Record<string, Identity & { readonly label: string }>> = {
  providerAdmin: {
    label: 'provider admin (Nimbus Compute)',
    subject: 'demo|nina.nimbus',
    organizationId: 'org-nimbus',
    roles: ['PROVIDER_ADMIN'],
    name: 'Nina Nimbus',
    email: 'nina@nimbus.example',
  },
  paasAdmin: {
    label: 'provider admin (Stratus Platform)',
    subject: 'demo|sam.stratus',
    organizationId: 'org-stratus',
    roles: ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN'],
    name: 'Sam Stratus',
    email: 'sam@stratus.example',
  },
  customerAdmin: {
    label: 'customer admin (Acme Retail)',
    subject: 'demo|carla.acme',
    organizationId: 'org-acme',
    roles: ['CUSTOMER_ADMIN'],
    name: 'Carla Acme',
    email: 'carla@acme.example',
  },
  auditor: {
    label: 'auditor (Acme Retail)',
    subject: 'demo|audrey.acme',
    organizationId: 'org-acme',
    roles: ['AUDITOR'],
    name: 'Audrey Auditor',
    email: 'audrey@acme.example',
  },
  subscribedCustomer: {
    label: 'customer admin (Globex, subscribed)',
    subject: 'demo|gina.globex',
    organizationId: 'org-globex',
    roles: ['CUSTOMER_ADMIN', 'AUDITOR'],
    name: 'Gina Globex',
    email: 'gina@globex.example',
  },
  monitor: {
    label: 'monitor (Globex SLA client)',
    subject: 'demo|monitor.globex',
    organizationId: 'org-globex',
    roles: ['MONITOR'],
    name: 'Globex SLA monitor',
  },
  providerMonitor: {
    label: 'monitor (Nimbus SLA client)',
    subject: 'demo|monitor.nimbus',
    organizationId: 'org-nimbus',
    roles: ['MONITOR'],
    name: 'Nimbus SLA monitor',
  },
  platformAdmin: { label: 'platform admin (Onus operator)', subject: 'demo|ops', organizationId: null, roles: ['PLATFORM_ADMIN'], name: 'Onus Operator' },
};
