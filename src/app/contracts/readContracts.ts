import { diffContracts, type ContractDiff } from '../../domain/contracts/diff';
import {
  nextVersionToTakeEffect,
  versionInEffect,
  versionStatus,
  type ContractDraft,
  type ContractVersion,
  type VersionStatus,
} from '../../domain/contracts/version';
import { badInput, notFound } from '../../domain/errors';
import type { PublishedVersionSummary } from '../../store/contracts';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { requireService } from '../load';
import { authorize } from '../policy';

/** Drafts are the provider's own work in progress: only its admins and auditors may read them. */
export async function readDraft(context: AppContext, service: StoredService): Promise<ContractDraft | null> {
  authorize(context.caller, 'contract.draft.read', service.providerOrganizationId);
  // Through the request's loader: `draft` on a list of services (or under aliases) is one BatchGetItem.
  return context.loaders.draft.load(service.id);
}

/** The latest version in effect now, from the service item alone (time passing changes it without a write). */
export const inEffectVersion = (context: AppContext, service: StoredService): number | null => versionInEffect(service, context.clock());

/** The contract in effect: the latest published version whose effective date has come; null before that. */
export function currentContract(context: AppContext, service: StoredService): Promise<ContractVersion | null> {
  const version = inEffectVersion(context, service);
  return version ? context.loaders.contractVersion.load({ serviceId: service.id, version }) : Promise.resolve(null);
}

/** The published version that takes effect next; null when nothing is coming. */
export function upcomingContract(context: AppContext, service: StoredService): Promise<ContractVersion | null> {
  const next = nextVersionToTakeEffect(service, context.clock());
  return next ? context.loaders.contractVersion.load({ serviceId: service.id, version: next.version }) : Promise.resolve(null);
}

/** CURRENT, UPCOMING or SUPERSEDED, now. */
export const contractVersionStatus = (context: AppContext, service: StoredService, version: number): VersionStatus =>
  versionStatus(version, service, context.clock());

export async function contractVersion(context: AppContext, service: StoredService, version: number): Promise<ContractVersion> {
  const found = Number.isInteger(version) && version > 0 ? await context.loaders.contractVersion.load({ serviceId: service.id, version }) : null;
  if (!found)
    throw notFound(`${service.name} has no published version ${version}${service.currentVersion ? `; the latest is ${service.currentVersion}` : ' yet'}.`);
  return found;
}

/** A version listed without its body, with its status now. */
export interface VersionSummaryView extends PublishedVersionSummary {
  readonly status: VersionStatus;
}

/**
 * Every published version, newest first, from the small summary items (not the bodies), through the
 * request's loader: each service's list is one Query however many fields ask, a few at a time.
 */
export async function listContractVersions(context: AppContext, service: StoredService): Promise<VersionSummaryView[]> {
  return (await context.loaders.contractVersions.load(service.id)).map((summary) => ({
    ...summary,
    status: contractVersionStatus(context, service, summary.version),
  }));
}

export interface ContractDiffView extends ContractDiff {
  readonly serviceId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
}

export async function diffContractVersions(context: AppContext, serviceId: string, fromVersion: number, toVersion: number): Promise<ContractDiffView> {
  authorize(context.caller, 'service.read', null);
  const service = await requireService(context, serviceId);
  if (fromVersion === toVersion) throw badInput('Pick two different versions to compare.', [{ path: 'toVersion', message: 'same as fromVersion' }]);
  const [from, to] = await Promise.all([contractVersion(context, service, fromVersion), contractVersion(context, service, toVersion)]);
  return { ...diffContracts(from.responsibilities, to.responsibilities), serviceId, fromVersion, toVersion };
}
