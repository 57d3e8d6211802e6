import type { AuditEvent } from '../domain/audit/event';
import type { ContractDraft, ContractVersion, ScheduledVersion } from '../domain/contracts/version';
import type { TrackingRecord } from '../domain/obligations/tracking';
import type { StoredInterval } from '../domain/monitoring/report';
import type { StoredMonitoringItem, StoredLedger } from './monitoring';
import type { Organization } from '../domain/organizations/organization';
import type { Subscription } from '../domain/subscriptions/subscription';
import type { StoredDraft } from './contracts';
import type { StoredService } from './services';

// What a use case hands the store: the domain's changes, each carrying the expectation that guards
// it (what the use case read and decided on), and the audit event that records them. The store turns
// it into one DynamoDB transaction (store.ts, commit): all of it is written or none of it, and a
// failed expectation means someone else changed the data first — the caller gets CONFLICT with the
// use case's own words. Nothing outside src/store/ builds a DynamoDB item.

export type Change =
  /** A new organization; its id must be free (seed data uses fixed ids). */
  | { readonly kind: 'organization.create'; readonly organization: Organization }
  | { readonly kind: 'service.create'; readonly service: StoredService }
  /** The whole service, as long as it is still as `previous` was read (updatedAt and version pointer). */
  | { readonly kind: 'service.replace'; readonly service: StoredService; readonly previous: StoredService }
  /**
   * The current-version pointer moves from `from` to `to`, with the versions then still to take
   * effect (scheduleAfterPublish); a second publish of the same number fails.
   */
  | {
      readonly kind: 'service.pointer';
      readonly serviceId: string;
      readonly from: number | null;
      readonly to: number;
      readonly at: string;
      readonly scheduledVersions: readonly ScheduledVersion[];
    }
  /** A new draft: the service must have none. */
  | { readonly kind: 'draft.create'; readonly draft: ContractDraft }
  /** A saved edit, as long as the stored draft is still `previous` (its revision). */
  | { readonly kind: 'draft.replace'; readonly draft: ContractDraft; readonly previous: StoredDraft }
  | { readonly kind: 'draft.delete'; readonly previous: StoredDraft }
  /** A new, immutable version: its number must be free. */
  | { readonly kind: 'version.create'; readonly version: ContractVersion }
  | { readonly kind: 'subscription.create'; readonly subscription: Subscription }
  | { readonly kind: 'subscription.replace'; readonly subscription: Subscription; readonly previous: Subscription }
  | { readonly kind: 'subscription.delete'; readonly previous: Subscription }
  /** A customer's status on an obligation; `previous` null: there must be no record yet. */
  | { readonly kind: 'tracking.put'; readonly customerOrganizationId: string; readonly record: TrackingRecord; readonly previous: TrackingRecord | null }
  /** A measured interval (one month's piece): the same source, scope and start replaces the stored one (idempotent retries, corrections). */
  | { readonly kind: 'monitoring.interval.put'; readonly interval: StoredInterval }
  /** A monitoring item's new revision, as long as the stored one is still `previousRevision` (null: none). */
  | { readonly kind: 'monitoring.item.put'; readonly item: StoredMonitoringItem; readonly previousRevision: number | null }
  /** A month's (or the open downtime's) ledger, as long as it is still at `previousVersion` (null: none). */
  | { readonly kind: 'monitoring.ledger.put'; readonly ledger: StoredLedger; readonly previousVersion: number | null };

export interface UnitOfWork {
  readonly changes: readonly Change[];
  /**
   * Written in the same transaction, so the trail never disagrees with the data. Null only for the
   * follow-on transactions of one request whose first transaction carries its event (a monitoring
   * batch written in parallel shards).
   */
  readonly audit: AuditEvent | null;
  /** What the caller is told when a guarding expectation fails; say what to do next. */
  readonly conflictMessage: string;
}
