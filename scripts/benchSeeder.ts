// Fast seeding for the bench scripts: a few services and contracts published through the API, then
// their partitions cloned item by item with BatchWriteItem, and customers' subscriptions and tracking
// statuses written with the store's own item builders (the same items the use cases write). Seeding
// 250 subscriptions through the API would take minutes; this takes seconds, and the data read back
// is the data the API would have written.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InProcessApi } from '../dev/inProcessApi';
import type { Identity } from '../dev/tokens';
import { Catalogue } from '../src/domain/catalogue/catalogue';
import { RESPONSIBILITY_LIMITS } from '../src/domain/contracts/responsibility';
import type { TrackingRecord } from '../src/domain/obligations/tracking';
import type { Subscription } from '../src/domain/subscriptions/subscription';
import { sortableName } from '../src/store/keys';
import { Store } from '../src/store/store';
import { must } from './benchKit';

/** Onus's operators: creates the organizations a bench seeds. */
export const platform: Identity = { subject: 'bench|ops', organizationId: null, roles: ['PLATFORM_ADMIN'] };

/** An organization of `kind` created through the API, as Onus's operators would; its id. */
export async function newOrganization(api: InProcessApi, name: string, kind: 'PROVIDER' | 'CUSTOMER'): Promise<string> {
  const { createOrganization } = await must(api, platform, 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
    i: { name, kinds: [kind] },
  });
  return createOrganization.id as string;
}

export const progress = (line: string) => process.stdout.write(`\r  ${line}`.padEnd(70));

/** `work` for every item, `size` at a time. */
export async function inParallel<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

type Item = Record<string, unknown>;

export class Seeder {
  readonly doc: DynamoDBDocumentClient;
  /** The store's item builders write what the use cases would; its contract reads find the versions to track. */
  readonly store: Store;

  constructor(
    raw: DynamoDBClient,
    readonly table: string,
    readonly api: InProcessApi,
  ) {
    this.doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    this.store = new Store(this.doc, table);
  }

  async write(items: Item[], label: string) {
    const batches: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    let done = 0;
    await inParallel(batches, 8, async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] as typeof pending | undefined) ?? [];
      }
      done += batch.length;
      if (done % 1000 < batch.length || done === items.length) progress(`${label}: ${done}/${items.length} items`);
    });
  }

  /** A provider's service with its contract published through the API (the template, or every text at its limit). */
  async publishedService(admin: Identity, name: string, atLimit: boolean): Promise<string> {
    const { createCloudService } = await must(this.api, admin, 'mutation($i: CreateCloudServiceInput!) { createCloudService(input: $i) { id } }', {
      i: { name, serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] },
    });
    const id = createCloudService.id as string;
    let { startContractDraft } = await must(this.api, admin, 'mutation($id: ID!) { startContractDraft(serviceId: $id, from: TEMPLATE) { revision } }', { id });
    if (atLimit) {
      // Text gzip cannot shrink much, so the body spans several items.
      const noise = (n: number) => randomBytes(n).toString('base64').slice(0, n);
      const lines = new Catalogue().controls.map((c) => ({
        controlId: c.id,
        ownership: 'SHARED',
        providerStatement: noise(RESPONSIBILITY_LIMITS.providerStatement),
        customerObligations: Array.from({ length: 4 }, () => ({ text: noise(RESPONSIBILITY_LIMITS.obligationText) })),
      }));
      ({ setResponsibilities: startContractDraft } = await must(
        this.api,
        admin,
        'mutation($id: ID!, $rev: Int!, $lines: [ResponsibilityInput!]!) { setResponsibilities(serviceId: $id, revision: $rev, responsibilities: $lines) { revision problems { code message } } }',
        { id, rev: startContractDraft.revision, lines },
      ));
    }
    await must(this.api, admin, 'mutation($id: ID!, $rev: Int!) { publishContractDraft(serviceId: $id, revision: $rev, changeNote: "bench") { version } }', {
      id,
      rev: startContractDraft.revision,
    });
    return id;
  }

  /** `count` copies of a service's partition (service item, versions, chunks) under new ids. */
  async cloneService(templateId: string, count: number, label: string): Promise<string[]> {
    // Page after page: an at-limit contract's chunks fill more than one 1 MB Query page.
    const template: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `SVC#${templateId}` },
          ExclusiveStartKey: start,
        }),
      );
      template.push(...(out.Items ?? []).filter((i) => !String(i.sk).startsWith('DRAFT')));
      start = out.LastEvaluatedKey;
    } while (start);
    const ids = Array.from({ length: count }, () => randomUUID());
    const items = ids.flatMap((id, n) =>
      template.map((item) => {
        const copy: Item = { ...item, pk: `SVC#${id}` };
        if (item.sk === 'SVC') {
          const name = `${String(item.name)} copy ${n}`;
          Object.assign(copy, { id, name, gsi1sk: sortableName(name, id), gsi2sk: sortableName(name, id) });
        }
        if (item.serviceId) copy.serviceId = id;
        return copy;
      }),
    );
    await this.write(items, label);
    return ids;
  }

  /** A customer organization (through the API) subscribed to `serviceIds`, and statuses recorded on the first `tracked` of them. */
  async customer(name: string, serviceIds: readonly string[], tracked: number): Promise<Identity> {
    const org = await newOrganization(this.api, name, 'CUSTOMER');
    const now = new Date().toISOString();
    const items: Item[] = serviceIds.map((serviceId) => {
      const subscription: Subscription = {
        id: randomUUID(),
        customerOrganizationId: org,
        serviceId,
        pinnedVersion: null,
        regions: ['eu-west-1'],
        startDate: '2026-01-01',
        acknowledgedVersion: 1,
        createdAt: now,
        updatedAt: now,
      };
      return this.store.customers.subscriptionPut(subscription, { create: true }).Item;
    });
    const versions = await this.store.contracts.getVersions(serviceIds.slice(0, tracked).map((serviceId) => ({ serviceId, version: 1 })));
    for (const version of versions) {
      for (const line of version!.responsibilities) {
        for (const obligation of line.customerObligations) {
          const record: TrackingRecord = {
            serviceId: version!.serviceId,
            obligationId: obligation.id,
            status: items.length % 3 ? 'IMPLEMENTED' : 'PLANNED',
            reason: null,
            owner: 'Security team',
            evidence: [{ title: 'Runbook', url: 'https://wiki.example.com/security/runbooks/backup' }],
            notes: null,
            recordedText: obligation.text,
            recordedControlId: line.controlId,
            recordedInVersion: 1,
            updatedAt: now,
            updatedBy: 'bench|seed',
          };
          items.push(this.store.customers.trackingPut(org, record, null).Item);
        }
      }
    }
    await this.write(items, `${name}: subscriptions and statuses`);
    return { subject: `bench|${org}`, organizationId: org, roles: ['CUSTOMER_ADMIN', 'AUDITOR'] };
  }
}
