import type { ContractDiff } from '../../../domain/contracts/diff';
import type { PublishedVersionSummary } from '../../../store/contracts';

/** A version listed without its body, with what its status needs. */
export interface VersionSummaryModel extends PublishedVersionSummary {
  readonly currentVersion: number | null;
}

export interface ContractDiffModel extends ContractDiff {
  readonly serviceId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
}
