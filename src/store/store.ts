import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../domain/errors';
import { AuditStore } from './audit';
import { ContractStore } from './contracts';
import { CustomerStore } from './customers';
import { OrganizationStore } from './organizations';
import { ServiceStore } from './services';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** Onus's data access: one table, one repository per concept, shared transaction plumbing. */
export class Store {
  readonly organizations: OrganizationStore;
  readonly audit: AuditStore;
  readonly services: ServiceStore;
  readonly contracts: ContractStore;
  readonly customers: CustomerStore;

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly table: string,
  ) {
    this.organizations = new OrganizationStore(client, table);
    this.audit = new AuditStore(client, table);
    this.services = new ServiceStore(client, table);
    this.contracts = new ContractStore(client, table);
    this.customers = new CustomerStore(client, table);
  }

  /**
   * Writes all items or none. A failed condition means someone else changed the data first:
   * the caller gets CONFLICT with `conflictMessage`, and nothing was written.
   */
  async transact(items: TransactItems, conflictMessage: string): Promise<void> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TransactionCanceledException' || name === 'ConditionalCheckFailedException') {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        // TransactionConflict: another transaction touched the same item at the same moment.
        if (name === 'ConditionalCheckFailedException' || reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
          throw conflict(conflictMessage);
        }
      }
      throw error;
    }
  }
}
