import type { StackCoverage } from '../../../domain/obligations/coverage';
import type { ClauseObligations, ControlObligations, InheritedObligation } from '../../../domain/obligations/inherited';
import type { Page } from '../../../domain/pagination';
import type { PostureSummary, StatusCounts } from '../../../domain/obligations/posture';
import type { TrackingRecord } from '../../../domain/obligations/tracking';
import type { StoredService } from '../../../store/services';

/** An obligation's tracking as shown: the record (none yet: NOT_STARTED) and the text it is about. */
export interface TrackingModel {
  readonly record: TrackingRecord | null;
  readonly currentText: string;
}

/** An obligation with the service the request loaded for the stack (a plain field, not a resolver call). */
export type InheritedObligationModel = InheritedObligation<StoredService>;
export type ControlObligationsModel = ControlObligations<InheritedObligationModel>;
export type ClauseObligationsModel = ClauseObligations<InheritedObligationModel>;

export interface InheritedObligationsModel {
  readonly customerOrganizationId: string;
  readonly counts: StatusCounts;
  readonly page: Page<InheritedObligationModel>;
  /** By clause: the page only when `first` or `after` was given, else every matching obligation. */
  readonly clauses: readonly ClauseObligationsModel[];
  /** The stack's subscriptions, whose supply chains performedBy follows. */
  readonly subscriptionIds: readonly string[];
}

export interface CoverageModel extends StackCoverage<StoredService> {
  readonly customerOrganizationId: string;
  readonly subscriptionIds: readonly string[];
}

export interface PostureModel extends PostureSummary {
  readonly customerOrganizationId: string;
}

export interface ServiceOwnershipModel {
  readonly serviceId: string;
  readonly ownership: import('../../../domain/contracts/ownership').Ownership | null;
}

/**
 * A contributor with the control it contributes to, so its supply chain can be followed, and the service
 * the request loaded for the stack: `service` is a plain field, so 30,000 contributors (250 subscriptions)
 * cost no resolver call each (issue 11).
 */
export type ControlCoverageModel = import('../../../domain/obligations/coverage').ControlCoverage<StoredService>;

export type CoverageContributorModel = import('../../../domain/obligations/coverage').CoverageContributor<StoredService>;
