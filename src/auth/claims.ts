import { ROLES, type Caller, type Role } from '../domain/identity/caller';

// The claims Onus reads from a token. API Gateway's JWT authorizer hands them to Lambda as strings
// (an array arrives as "[A B]"), while a locally verified token keeps JSON types: both pass here,
// the only place that knows either shape.
export const CLAIM = { organization: 'org_id', roles: 'roles', name: 'name', email: 'email' } as const;
/** The client the token was issued to: OAuth's `client_id` (RFC 9068, Cognito, Okta), else OpenID's `azp` (Auth0, Entra ID). */
export const CLIENT_CLAIMS = ['client_id', 'azp'] as const;

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Builds the Caller from claims; unknown role names are ignored so identity providers can add their own. */
export function callerFromClaims(claims: Readonly<Record<string, unknown>>): Caller | null {
  const subject = text(claims.sub);
  if (!subject) return null;
  const roles = new Set<Role>(stringList(claims[CLAIM.roles]).filter((r): r is Role => (ROLES as readonly string[]).includes(r)));
  return {
    subject,
    organizationId: text(claims[CLAIM.organization]),
    roles,
    name: text(claims[CLAIM.name]),
    email: text(claims[CLAIM.email]),
  };
}

/** The client the token was issued to, or null when it names none. */
export function clientOfClaims(claims: Readonly<Record<string, unknown>>): string | null {
  for (const name of CLIENT_CLAIMS) {
    const client = text(claims[name]);
    if (client) return client;
  }
  return null;
}
