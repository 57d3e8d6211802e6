import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../domain/errors';
import { AuditStore } from './audit';
import { ContractStore } from './contracts';
import { CustomerStore } from './customers';
import { MonitoringStore } from './monitoring';
import { OrganizationStore } from './organizations';
import { ServiceStore } from './services';
import type { Change, UnitOfWork } from './unitOfWork';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Onus's data access: one table, one module per concept, and the one write path (commit). */
export class Store {
  readonly organizations: OrganizationStore;
  readonly audit: AuditStore;
  readonly services: ServiceStore;
  readonly contracts: ContractStore;
  readonly customers: CustomerStore;
  readonly monitoring: MonitoringStore;

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly table: string,
    options: { readonly versionCacheBytes?: number } = {},
  ) {
    this.organizations = new OrganizationStore(client, table);
    this.audit = new AuditStore(client, table);
    this.services = new ServiceStore(client, table);
    this.contracts = new ContractStore(client, table, options.versionCacheBytes);
    this.customers = new CustomerStore(client, table);
    this.monitoring = new MonitoringStore(client, table);
  }

  /**
   * Writes the unit of work in one transaction: all of it or none. A failed expectation means
   * someone else changed the data first: the caller gets CONFLICT with the unit's message.
   */
  async commit(unit: UnitOfWork): Promise<void> {
    const items = this.transactItems(unit);
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TransactionCanceledException' || name === 'ConditionalCheckFailedException') {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        // TransactionConflict: another transaction touched the same item at the same moment.
        if (name === 'ConditionalCheckFailedException' || reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
          throw conflict(unit.conflictMessage);
        }
      }
      throw error;
    }
  }

  /** The exact TransactWriteItems of a unit of work (no I/O: tests check them offline). */
  transactItems(unit: UnitOfWork): TransactItem[] {
    return this.contracts.withChunkCounts([
      ...unit.changes.flatMap((change) => this.itemsOf(change)),
      ...(unit.audit ? [{ Put: this.audit.putItem(unit.audit) }] : []),
    ]);
  }

  private itemsOf(change: Change): TransactItem[] {
    switch (change.kind) {
      case 'organization.create':
        return [{ Put: this.organizations.putItem(change.organization) }];
      case 'service.create':
        return [{ Put: this.services.putItem(change.service, { create: true }) }];
      case 'service.replace':
        return [{ Put: this.services.putItem(change.service, { updatedAt: change.previous.updatedAt, currentVersion: change.previous.currentVersion }) }];
      case 'service.pointer':
        return [{ Update: this.services.pointerUpdate(change.serviceId, change.from, change.to, change.at, change.scheduledVersions) }];
      case 'draft.create':
        return this.contracts.draftWrites(change.draft, null);
      case 'draft.replace':
        return this.contracts.draftWrites(change.draft, change.previous);
      case 'draft.delete':
        return this.contracts.draftDeletes(change.previous);
      case 'version.create':
        return this.contracts.versionWrites(change.version);
      case 'subscription.create':
        return [{ Put: this.customers.subscriptionPut(change.subscription, { create: true }) }];
      case 'subscription.replace':
        return [{ Put: this.customers.subscriptionPut(change.subscription, { updatedAt: change.previous.updatedAt }) }];
      case 'subscription.delete':
        return [{ Delete: this.customers.subscriptionDelete(change.previous) }];
      case 'tracking.put':
        return [{ Put: this.customers.trackingPut(change.customerOrganizationId, change.record, change.previous?.updatedAt ?? null) }];
      case 'monitoring.interval.put':
        return [{ Put: this.monitoring.intervalPut(change.interval) }];
      case 'monitoring.item.put':
        return [{ Put: this.monitoring.itemPut(change.item, change.previousRevision) }];
      case 'monitoring.ledger.put':
        return [{ Put: this.monitoring.ledgerPut(change.ledger, change.previousVersion) }];
    }
  }
}
