import { badInput, type Problem } from '../errors';

export const ORGANIZATION_KINDS = ['PROVIDER', 'CUSTOMER'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface Organization {
  readonly id: string;
  readonly name: string;
  /** An organization can be a provider, a customer, or both (a SaaS vendor buys IaaS). */
  readonly kinds: readonly OrganizationKind[];
  readonly website: string | null;
  readonly description: string | null;
  readonly createdAt: string;
}

export interface NewOrganization {
  readonly name: string;
  readonly kinds: readonly OrganizationKind[];
  readonly website?: string | null;
  readonly description?: string | null;
}

export const ORGANIZATION_LIMITS = { name: 120, description: 2000, website: 500 } as const;

/** Checks and normalises what a caller asks to create; throws BAD_USER_INPUT listing every problem. */
export function validateNewOrganization(input: NewOrganization): NewOrganization {
  const problems: Problem[] = [];
  const name = input.name.trim();
  if (!name) problems.push({ path: 'name', message: 'must not be empty' });
  if (name.length > ORGANIZATION_LIMITS.name) problems.push({ path: 'name', message: `must be at most ${ORGANIZATION_LIMITS.name} characters` });
  const kinds = [...new Set(input.kinds)];
  if (kinds.length === 0) problems.push({ path: 'kinds', message: 'must name PROVIDER, CUSTOMER or both' });
  const website = input.website?.trim() || null;
  if (website !== null) {
    if (website.length > ORGANIZATION_LIMITS.website || !isHttpUrl(website)) {
      problems.push({ path: 'website', message: 'must be an http(s) URL of at most 500 characters' });
    }
  }
  const description = input.description?.trim() || null;
  if (description !== null && description.length > ORGANIZATION_LIMITS.description) {
    problems.push({ path: 'description', message: `must be at most ${ORGANIZATION_LIMITS.description} characters` });
  }
  if (problems.length) {
    throw badInput(`The organization cannot be created: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  }
  return { name, kinds, website, description };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
