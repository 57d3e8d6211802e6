// Every kind of change Onus records, in one list: clients filter and alert on them, so an action is
// never renamed once shipped. The GraphQL enum AuditAction spells each in upper case (a test holds
// the two lists equal).
export const AUDIT_ACTIONS = [
  'organization.create',
  'cloudService.create',
  'cloudService.update',
  'contract.draft.start',
  'contract.draft.update',
  'contract.draft.confirmUpstream',
  'contract.draft.reaccount',
  'contract.draft.discard',
  'contract.publish',
  'subscription.create',
  'subscription.update',
  'subscription.acknowledge',
  'subscription.delete',
  'obligation.status',
  // An operator (PLATFORM_ADMIN) read another organization's trail: access to a trail is itself on it.
  'auditTrail.read',
  // Declared in schema/exports.graphql, which the schema reads before monitoring.graphql.
  'contract.draft.import',
  'monitoring.report',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The enum spelling: "contract.draft.confirmUpstream" → "CONTRACT_DRAFT_CONFIRM_UPSTREAM". */
export const auditActionEnum = (action: string): string =>
  action
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/\./g, '_')
    .toUpperCase();
