import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/audit/event';
import { INDEX } from './keys';

// Audit events, readable two ways: the trail of one target (pk) and an organization's whole trail
// (gsi1), both in time order because the sort keys start with the ISO timestamp.
const targetPk = (type: string, id: string) => `AUDIT#${type}#${id}`;
const organizationPk = (organizationId: string) => `AUDITORG#${organizationId}`;

export interface AuditQuery {
  readonly organizationId: string;
  readonly target?: { readonly type: string; readonly id: string } | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly limit: number;
  readonly after?: string | null;
}

export class AuditStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The Put that records `event`; callers add it to the transaction that makes the change. */
  putItem(event: AuditEvent) {
    const sk = `${event.at}#${event.id}`;
    return {
      TableName: this.table,
      Item: {
        pk: targetPk(event.target.type, event.target.id),
        sk,
        gsi1pk: organizationPk(event.target.organizationId),
        gsi1sk: sk,
        type: 'AuditEvent',
        event,
      },
    };
  }

  async query(q: AuditQuery): Promise<{ events: AuditEvent[]; next: string | null }> {
    const byTarget = q.target != null;
    const [hashName, rangeName] = byTarget ? ['pk', 'sk'] : ['gsi1pk', 'gsi1sk'];
    // Every sort key has the same length, so "<after>!" sits just past `after` and before the next key.
    const lower = q.after ? `${q.after}!` : (q.from ?? null);
    // Sort keys are "<ISO time>#<id>": "~" sorts after every id, so "to" is inclusive of its instant.
    const upper = q.to ? `${q.to}#~` : null;
    const conditions = [`${hashName} = :h`];
    const values: Record<string, string> = {
      ':h': byTarget ? targetPk(q.target!.type, q.target!.id) : organizationPk(q.organizationId),
    };
    if (lower && upper) {
      conditions.push(`${rangeName} BETWEEN :lo AND :hi`);
      Object.assign(values, { ':lo': lower, ':hi': upper });
    } else if (lower) {
      conditions.push(`${rangeName} >= :lo`);
      values[':lo'] = lower;
    } else if (upper) {
      conditions.push(`${rangeName} <= :hi`);
      values[':hi'] = upper;
    }
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        ...(byTarget ? {} : { IndexName: INDEX.gsi1 }),
        KeyConditionExpression: conditions.join(' AND '),
        ExpressionAttributeValues: values,
        // The target's trail may hold other organizations' events only if targets were shared; they
        // are not, but filter anyway so a trail never leaks across organizations.
        ...(byTarget ? { FilterExpression: 'gsi1pk = :org', ExpressionAttributeValues: { ...values, ':org': organizationPk(q.organizationId) } } : {}),
        Limit: q.limit,
      }),
    );
    const items = (out.Items ?? []) as { sk: string; event: AuditEvent }[];
    const events = items.map((i) => i.event);
    const last = items[items.length - 1];
    return { events, next: out.LastEvaluatedKey && last ? `${last.sk}` : null };
  }
}
