import { forbidden } from '../domain/errors';
import type { Caller, Role } from '../domain/identity/caller';

// Who may do what, decided here and nowhere else. Each operation names the roles that may perform it
// on their OWN organization's data (the provider of the service, the customer of the subscription,
// the owner of the trail) and the roles that may perform it for ANY organization. Use cases call
// authorize() once, after loading the data that says whose it is and before deciding anything.
// test/api/policy.test.ts drives every operation as every role, own and other organization.

type Roles = readonly Role[] | 'ANY_SIGNED_IN';
interface Rule {
  readonly own: Roles;
  readonly anyOrganization: Roles;
  /** What the operation is, for the refusal message: "… is for …". */
  readonly what: string;
}

const PUBLIC: Omit<Rule, 'what'> = { own: 'ANY_SIGNED_IN', anyOrganization: 'ANY_SIGNED_IN' };

export const POLICY = {
  // Public reads: the catalogue, organizations' profiles, services and their published contracts.
  'catalogue.read': { ...PUBLIC, what: 'Reading the catalogue' },
  'organization.read': { ...PUBLIC, what: "Reading an organization's profile" },
  'service.read': { ...PUBLIC, what: 'Reading cloud services and published contracts' },
  'service.compare': { ...PUBLIC, what: 'Comparing services' },
  // Operating Onus.
  'organization.create': { own: [], anyOrganization: ['PLATFORM_ADMIN'], what: 'Creating an organization' },
  // Providers, on their own services.
  'service.create': { own: ['PROVIDER_ADMIN'], anyOrganization: [], what: 'Creating a cloud service' },
  'service.update': { own: ['PROVIDER_ADMIN'], anyOrganization: [], what: 'Updating a cloud service' },
  'contract.draft.read': { own: ['PROVIDER_ADMIN', 'AUDITOR'], anyOrganization: [], what: 'Reading a draft contract' },
  'contract.draft.edit': { own: ['PROVIDER_ADMIN'], anyOrganization: [], what: 'Editing a draft contract' },
  'contract.publish': { own: ['PROVIDER_ADMIN'], anyOrganization: [], what: 'Publishing a contract' },
  'service.subscribers.count': { own: ['PROVIDER_ADMIN', 'AUDITOR'], anyOrganization: [], what: "Counting a service's subscribers" },
  // Customers, on their own subscriptions and obligations.
  'customer.read': { own: ['CUSTOMER_ADMIN', 'AUDITOR'], anyOrganization: [], what: "Reading a customer's subscriptions and obligations" },
  'customer.subscribe': { own: ['CUSTOMER_ADMIN'], anyOrganization: [], what: 'Managing subscriptions' },
  'customer.track': { own: ['CUSTOMER_ADMIN'], anyOrganization: [], what: 'Recording obligation statuses' },
  // Monitoring clients, on the services their organization provides or subscribes to; the owner is
  // the reporting (or reading) organization once the use case has checked it is the provider or a subscriber.
  'monitoring.report': { own: ['MONITOR'], anyOrganization: [], what: 'Reporting measured availability' },
  'monitoring.read': { own: ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'AUDITOR', 'MONITOR'], anyOrganization: [], what: 'Reading SLA attainment' },
  // A customer's credits across its subscriptions are customer data.
  'monitoring.credits': { own: ['CUSTOMER_ADMIN', 'AUDITOR'], anyOrganization: ['PLATFORM_ADMIN'], what: 'Reading the SLA credits a customer may claim' },
  // Everyone answerable for an organization reads its trail; operators read any.
  'audit.read': {
    own: ['AUDITOR', 'PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'PLATFORM_ADMIN'],
    anyOrganization: ['PLATFORM_ADMIN'],
    what: "Reading an organization's audit trail",
  },
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof POLICY;
export const OPERATIONS = Object.keys(POLICY) as Operation[];

const holds = (caller: Caller, roles: Roles) => roles === 'ANY_SIGNED_IN' || roles.some((r) => caller.roles.has(r));

/** May `caller` perform `operation` on data owned by `ownerOrganizationId` (null: owned by no organization)? */
export function isAllowed(caller: Caller, operation: Operation, ownerOrganizationId: string | null): boolean {
  const rule: Rule = POLICY[operation];
  if (holds(caller, rule.anyOrganization)) return true;
  const own = ownerOrganizationId !== null && caller.organizationId === ownerOrganizationId;
  return own && holds(caller, rule.own);
}

/** Throws FORBIDDEN, saying who may, unless the caller may perform `operation` on that organization's data. */
export function authorize(caller: Caller, operation: Operation, ownerOrganizationId: string | null): void {
  if (isAllowed(caller, operation, ownerOrganizationId)) return;
  const rule: Rule = POLICY[operation];
  const list = (roles: Roles) => (roles === 'ANY_SIGNED_IN' ? 'any signed-in caller' : roles.join(' or '));
  const who = [
    rule.own.length ? `${list(rule.own)} of ${ownerOrganizationId ? `organization ${ownerOrganizationId}` : 'the organization concerned'}` : null,
    rule.anyOrganization.length ? `${list(rule.anyOrganization)} of any organization` : null,
  ].filter(Boolean);
  const carries = [...caller.roles].join(', ') || 'no role';
  throw forbidden(
    `${rule.what} is for ${who.join(', or ')}; your token carries ${carries}${caller.organizationId ? ` for organization ${caller.organizationId}` : ' and no organization'}.`,
  );
}
