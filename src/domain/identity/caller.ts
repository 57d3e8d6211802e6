import { forbidden } from '../errors';

export const ROLES = ['PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'AUDITOR', 'MONITOR', 'PLATFORM_ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: established once per request from a verified token, then passed everywhere. */
export interface Caller {
  /** The identity provider's subject (user or machine client). */
  readonly subject: string;
  /** The organization the caller acts for; PLATFORM_ADMIN operators may have none. */
  readonly organizationId: string | null;
  readonly roles: ReadonlySet<Role>;
  readonly name: string | null;
  readonly email: string | null;
}

export const hasRole = (caller: Caller, role: Role) => caller.roles.has(role);

export function requireRole(caller: Caller, ...anyOf: Role[]): void {
  if (!anyOf.some((role) => caller.roles.has(role))) {
    throw forbidden(`This needs one of the roles ${anyOf.join(', ')}; your token carries ${[...caller.roles].join(', ') || 'none'}.`);
  }
}

/** The caller must act for `organizationId` with one of the roles given. */
export function requireRoleIn(caller: Caller, organizationId: string, ...anyOf: Role[]): void {
  requireRole(caller, ...anyOf);
  if (caller.organizationId !== organizationId) {
    throw forbidden('You can only do this for your own organization.');
  }
}
