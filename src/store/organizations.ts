import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Organization } from '../domain/organizations/organization';
import { batchGet, keyId } from './batchGet';
import { INDEX, ORGANIZATION_LIST, organizationKey, sortableName } from './keys';

interface OrganizationItem extends Organization {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1sk: string;
  readonly type: 'Organization';
}

const toOrganization = ({ id, name, kinds, website, description, createdAt }: OrganizationItem): Organization => ({
  id,
  name,
  kinds,
  website: website ?? null,
  description: description ?? null,
  createdAt,
});

export class OrganizationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The item a create writes: exposed so a transaction can add its audit event beside it. */
  putItem(organization: Organization) {
    return {
      TableName: this.table,
      Item: {
        ...organizationKey(organization.id),
        gsi1pk: ORGANIZATION_LIST,
        gsi1sk: sortableName(organization.name, organization.id),
        type: 'Organization',
        ...organization,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }

  async getMany(ids: readonly string[]): Promise<(Organization | null)[]> {
    const keys = ids.map(organizationKey);
    const found = await batchGet(this.client, this.table, keys);
    return keys.map((k) => {
      const item = found.get(keyId(k)) as OrganizationItem | undefined;
      return item ? toOrganization(item) : null;
    });
  }

  /** All organizations in name order, a page at a time (an admin screen, not a hot path). */
  async list(limit: number, after: string | null): Promise<{ items: Organization[]; next: string | null }> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.gsi1,
        KeyConditionExpression: 'gsi1pk = :list' + (after ? ' AND gsi1sk > :after' : ''),
        ExpressionAttributeValues: { ':list': ORGANIZATION_LIST, ...(after ? { ':after': after } : {}) },
        Limit: limit,
      }),
    );
    const items = (out.Items ?? []) as OrganizationItem[];
    const last = items[items.length - 1];
    return { items: items.map(toOrganization), next: out.LastEvaluatedKey && last ? last.gsi1sk : null };
  }
}
