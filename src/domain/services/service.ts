import { compositeKey } from '../compositeKey';
import { badInput, type Problem } from '../errors';
import { CERTIFICATION_KINDS, isIsoDate, type Certification, type CertificationKind } from './certification';

// A cloud service is what a contract is about: one provider's offering, in one service model, which
// sets the default responsibility split (see contracts/template.ts). Services chain: a SaaS names
// the IaaS it runs on as an upstream, possibly another provider's (ISO/IEC 27002 15.1.3).
export const SERVICE_MODELS = ['IAAS', 'PAAS', 'SAAS'] as const;
export type ServiceModel = (typeof SERVICE_MODELS)[number];

export const DEPLOYMENT_MODELS = ['PUBLIC', 'PRIVATE', 'COMMUNITY', 'HYBRID'] as const;
export type DeploymentModel = (typeof DEPLOYMENT_MODELS)[number];

/** What a stored service holds once validated. */
export interface CloudServiceFields {
  readonly providerOrganizationId: string;
  readonly name: string;
  readonly description: string | null;
  readonly serviceModel: ServiceModel;
  readonly deploymentModel: DeploymentModel;
  /** Provider region codes, lower case, e.g. "eu-west-1", "westeurope", "europe-west1". */
  readonly regions: readonly string[];
  readonly certifications: readonly Certification[];
  /** Services this one is built on; a PROVIDER_VIA_UPSTREAM responsibility must name one of them. */
  readonly upstreamServiceIds: readonly string[];
  /**
   * How many days ahead a version that moves work toward customers must be published (see
   * contracts/version.ts, decideEffectiveFrom). A per-service setting until contracts carry an SLA.
   */
  readonly changeNoticeDays: number;
}

export interface CloudService extends CloudServiceFields {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CertificationInput {
  readonly kind: CertificationKind;
  readonly issuer: string;
  readonly name?: string | null;
  readonly expiresOn: string;
}

export interface NewCloudService {
  readonly providerOrganizationId: string;
  readonly name: string;
  readonly description?: string | null;
  readonly serviceModel: ServiceModel;
  readonly deploymentModel: DeploymentModel;
  readonly regions?: readonly string[] | null;
  readonly certifications?: readonly CertificationInput[] | null;
  readonly upstreamServiceIds?: readonly string[] | null;
  /** Null or left out: DEFAULT_CHANGE_NOTICE_DAYS. */
  readonly changeNoticeDays?: number | null;
}

/** An update: a field left out keeps its value, null clears it. The provider never changes. */
export type CloudServiceChanges = Partial<Omit<NewCloudService, 'providerOrganizationId'>>;

export const SERVICE_LIMITS = {
  name: 120,
  description: 4000,
  regions: 50,
  region: 50,
  certifications: 30,
  issuer: 200,
  certificationName: 200,
  upstreamServices: 20,
  id: 100,
  changeNoticeDays: 365,
} as const;

export const DEFAULT_CHANGE_NOTICE_DAYS = 30;

// Lower-case letters, digits and inner hyphens: the shape AWS, Azure and GCP region codes share.
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The full input an update amounts to, ready for validateCloudService. */
export function mergeCloudServiceChanges(current: CloudServiceFields, changes: CloudServiceChanges): NewCloudService {
  const pick = <K extends keyof CloudServiceChanges>(key: K) =>
    (changes[key] === undefined ? current[key] : changes[key]) as NonNullable<NewCloudService[K]> | null;
  return {
    providerOrganizationId: current.providerOrganizationId,
    name: pick('name') ?? '',
    description: pick('description'),
    serviceModel: pick('serviceModel') ?? current.serviceModel,
    deploymentModel: pick('deploymentModel') ?? current.deploymentModel,
    regions: pick('regions'),
    certifications: pick('certifications'),
    upstreamServiceIds: pick('upstreamServiceIds'),
    changeNoticeDays: pick('changeNoticeDays'),
  };
}

/**
 * Checks and normalises a service (trims texts, lower-cases and dedupes regions, dedupes upstreams);
 * throws BAD_USER_INPUT listing every problem. `serviceId` is the service's own id when it already
 * has one, so that it cannot name itself as its upstream.
 */
export function validateCloudService(input: NewCloudService, serviceId: string | null = null): CloudServiceFields {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const L = SERVICE_LIMITS;

  const providerOrganizationId = input.providerOrganizationId.trim();
  if (!providerOrganizationId) add('providerOrganizationId', 'must name the provider organization');

  const name = input.name.trim();
  if (!name) add('name', 'must not be empty');
  else if (name.length > L.name) add('name', `must be at most ${L.name} characters (got ${name.length})`);

  const description = input.description?.trim() || null;
  if (description !== null && description.length > L.description) {
    add('description', `must be at most ${L.description} characters (got ${description.length})`);
  }

  if (!(SERVICE_MODELS as readonly string[]).includes(input.serviceModel)) add('serviceModel', `must be one of ${SERVICE_MODELS.join(', ')}`);
  if (!(DEPLOYMENT_MODELS as readonly string[]).includes(input.deploymentModel)) add('deploymentModel', `must be one of ${DEPLOYMENT_MODELS.join(', ')}`);

  // Region codes are lower case at every hyperscaler, so "EU-West-1" and "eu-west-1" are one region.
  const regions = dedupe((input.regions ?? []).map((r) => r.trim().toLowerCase()));
  if (regions.length > L.regions) add('regions', `must list at most ${L.regions} regions (got ${regions.length})`);
  regions.forEach((region, i) => {
    if (!REGION.test(region) || region.length > L.region) {
      add(`regions[${i}]`, `"${region}" is not a region code (lower-case letters, digits and hyphens, at most ${L.region} characters, e.g. eu-west-1)`);
    }
  });

  const certifications = (input.certifications ?? []).map((c, i) => validateCertification(c, `certifications[${i}]`, add));
  if (certifications.length > L.certifications) add('certifications', `must list at most ${L.certifications} certifications (got ${certifications.length})`);
  // The same certificate twice is a copy-paste slip; two of a kind from different issuers is not.
  const seenCerts = new Map<string, number>();
  certifications.forEach((c, i) => {
    const key = compositeKey(c.kind, c.issuer.toLowerCase(), (c.name ?? '').toLowerCase());
    const first = seenCerts.get(key);
    if (first === undefined) seenCerts.set(key, i);
    else add(`certifications[${i}]`, `repeats certifications[${first}] (${c.kind} from ${c.issuer})`);
  });

  const upstreamServiceIds = dedupe((input.upstreamServiceIds ?? []).map((id) => id.trim()));
  if (upstreamServiceIds.length > L.upstreamServices) {
    add('upstreamServiceIds', `must list at most ${L.upstreamServices} services (got ${upstreamServiceIds.length})`);
  }
  upstreamServiceIds.forEach((id, i) => {
    if (!id) add(`upstreamServiceIds[${i}]`, 'must not be empty');
    else if (id.length > L.id) add(`upstreamServiceIds[${i}]`, `must be at most ${L.id} characters`);
    else if (serviceId !== null && id === serviceId) add(`upstreamServiceIds[${i}]`, 'a service cannot be built on itself');
  });

  const changeNoticeDays = input.changeNoticeDays ?? DEFAULT_CHANGE_NOTICE_DAYS;
  if (!Number.isInteger(changeNoticeDays) || changeNoticeDays < 0 || changeNoticeDays > L.changeNoticeDays) {
    add('changeNoticeDays', `must be a whole number of days from 0 to ${L.changeNoticeDays} (got ${changeNoticeDays})`);
  }

  if (problems.length) {
    throw badInput(`The cloud service is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  }
  return {
    providerOrganizationId,
    name,
    description,
    serviceModel: input.serviceModel,
    deploymentModel: input.deploymentModel,
    regions,
    certifications,
    upstreamServiceIds,
    changeNoticeDays,
  };
}

function validateCertification(input: CertificationInput, path: string, add: (path: string, message: string) => void): Certification {
  const L = SERVICE_LIMITS;
  if (!(CERTIFICATION_KINDS as readonly string[]).includes(input.kind)) add(`${path}.kind`, `must be one of ${CERTIFICATION_KINDS.join(', ')}`);
  const issuer = input.issuer.trim();
  if (!issuer) add(`${path}.issuer`, 'must name the certification body or auditor');
  else if (issuer.length > L.issuer) add(`${path}.issuer`, `must be at most ${L.issuer} characters`);
  const name = input.name?.trim() || null;
  // OTHER says nothing by itself: the name is what tells a customer which certification it is.
  if (input.kind === 'OTHER' && name === null) add(`${path}.name`, 'is required for an OTHER certification');
  if (name !== null && name.length > L.certificationName) add(`${path}.name`, `must be at most ${L.certificationName} characters`);
  const expiresOn = input.expiresOn.trim();
  if (!isIsoDate(expiresOn)) add(`${path}.expiresOn`, `"${expiresOn}" is not a date written YYYY-MM-DD`);
  return { kind: input.kind, issuer, name, expiresOn };
}

const dedupe = (values: string[]): string[] => [...new Set(values)];
