import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../src/domain/audit/event';
import type { ContractVersion } from '../../../src/domain/contracts/version';
import type { StoredDraft } from '../../../src/store/contracts';
import type { StoredService } from '../../../src/store/services';
import { Store } from '../../../src/store/store';

// The one write path's exact DynamoDB requests, checked offline: the conditions that guard each
// change are what keeps two racing writers from both winning, so they are pinned down here.
// (The client is never called: building the items does no I/O.)
const store = new Store(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), 'onus-test');

const audit: AuditEvent = {
  id: 'evt-1',
  at: '2026-11-29T10:00:00.000Z',
  action: 'contract.publish',
  actor: { subject: 'nina', organizationId: 'org-nimbus', roles: ['PROVIDER_ADMIN'] },
  target: { type: 'CloudService', id: 'svc-1', organizationId: 'org-nimbus' },
  summary: 'published version 3',
  details: {},
};
const auditPut = {
  Put: {
    TableName: 'onus-test',
    Item: {
      pk: 'AUDIT#CloudService#svc-1',
      sk: '2026-11-29T10:00:00.000Z#evt-1',
      gsi1pk: 'AUDITORG#org-nimbus',
      gsi1sk: '2026-11-29T10:00:00.000Z#evt-1',
      type: 'AuditEvent',
      event: audit,
    },
  },
};
const draft: StoredDraft = {
  serviceId: 'svc-1',
  revision: 4,
  basedOnVersion: 2,
  responsibilities: [],
  createdAt: 'c',
  updatedAt: 'u',
  updatedBy: 'nina',
  chunkCount: 1,
};

describe('store.transactItems: one unit of work, one transaction', () => {
  it('publishes a version, moves the pointer only from the version read, deletes the draft only at the revision read, and audits', () => {
    const effectiveFrom = '2026-12-29T10:00:00.000Z';
    const version: ContractVersion = {
      serviceId: 'svc-1',
      version: 3,
      changeNote: 'Backups',
      publishedAt: audit.at,
      publishedBy: 'nina',
      effectiveFrom,
      responsibilities: [],
    };
    const scheduledVersions = [{ version: 3, effectiveFrom }];
    const items = store.transactItems({
      changes: [
        { kind: 'version.create', version },
        { kind: 'service.pointer', serviceId: 'svc-1', from: 2, to: 3, at: audit.at, scheduledVersions },
        { kind: 'draft.delete', previous: draft },
      ],
      audit,
      conflictMessage: 'published meanwhile',
    });
    expect(items).toHaveLength(5);
    const [header, summary, pointer, draftDelete, last] = items as any[];
    expect(header.Put).toMatchObject({
      TableName: 'onus-test',
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: { pk: 'SVC#svc-1', sk: 'V#000003', type: 'ContractVersion', chunkCount: 1, effectiveFrom },
    });
    // The summary carries the effective date: the version list shows it without reading any body.
    expect(summary).toEqual({
      Put: {
        TableName: 'onus-test',
        Item: {
          pk: 'SVC#svc-1',
          sk: 'VS#000003',
          type: 'ContractVersionSummary',
          version: 3,
          changeNote: 'Backups',
          publishedAt: audit.at,
          publishedBy: 'nina',
          effectiveFrom,
        },
      },
    });
    expect(pointer).toEqual({
      Update: {
        TableName: 'onus-test',
        Key: { pk: 'SVC#svc-1', sk: 'SVC' },
        // The versions still to take effect move with the pointer: customer screens derive the version in effect from the service item alone.
        UpdateExpression: 'SET currentVersion = :to, contractUpdatedAt = :at, scheduledVersions = :scheduled',
        ConditionExpression: 'currentVersion = :from',
        ExpressionAttributeValues: { ':to': 3, ':at': audit.at, ':scheduled': scheduledVersions, ':from': 2 },
      },
    });
    expect(draftDelete).toEqual({
      Delete: {
        TableName: 'onus-test',
        Key: { pk: 'SVC#svc-1', sk: 'DRAFT' },
        ConditionExpression: 'revision = :rev',
        ExpressionAttributeValues: { ':rev': 4 },
      },
    });
    expect(last).toEqual(auditPut);
  });

  it('replaces a service only while its updatedAt and version pointer are as read', () => {
    const previous: StoredService = {
      id: 'svc-1',
      providerOrganizationId: 'org-nimbus',
      name: 'Nimbus VMs',
      description: null,
      serviceModel: 'IAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
      certifications: [],
      upstreamServiceIds: [],
      createdAt: 'c',
      updatedAt: '2026-11-01T00:00:00.000Z',
      currentVersion: null,
      scheduledVersions: [],
      changeNoticeDays: 30,
    };
    const [put] = store.transactItems({
      changes: [{ kind: 'service.replace', service: { ...previous, name: 'Nimbus Compute', updatedAt: audit.at }, previous }],
      audit,
      conflictMessage: 'x',
    }) as any[];
    expect(put.Put.ConditionExpression).toBe('updatedAt = :expected AND (attribute_not_exists(currentVersion) OR currentVersion = :null)');
    expect(put.Put.ExpressionAttributeValues).toEqual({ ':expected': '2026-11-01T00:00:00.000Z', ':null': null });
    expect(put.Put.Item).toMatchObject({
      pk: 'SVC#svc-1',
      sk: 'SVC',
      gsi1pk: 'PROVIDER#org-nimbus',
      gsi1sk: 'nimbus compute#svc-1',
      gsi2pk: 'SERVICES',
      searchText: 'nimbus compute ',
    });
  });

  it('records a first obligation status only if none exists, a later one only over the record read', () => {
    const record = {
      serviceId: 'svc-1',
      obligationId: 'obl-9',
      status: 'PLANNED',
      reason: null,
      owner: null,
      evidence: [],
      notes: null,
      recordedText: 'Do it.',
      updatedAt: audit.at,
      updatedBy: 'carla',
    } as const;
    const [first] = store.transactItems({
      changes: [{ kind: 'tracking.put', customerOrganizationId: 'org-acme', record, previous: null }],
      audit,
      conflictMessage: 'x',
    }) as any[];
    expect(first.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: { pk: 'CUST#org-acme', sk: 'TRACK#svc-1#obl-9', type: 'ObligationStatus' },
    });
    const [later] = store.transactItems({
      changes: [{ kind: 'tracking.put', customerOrganizationId: 'org-acme', record, previous: { ...record, updatedAt: 'then' } }],
      audit,
      conflictMessage: 'x',
    }) as any[];
    expect(later.Put).toMatchObject({ ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': 'then' } });
  });

  it('saves a draft edit only at the revision read, and removes body chunks the smaller body no longer needs', () => {
    const items = store.transactItems({
      changes: [{ kind: 'draft.replace', draft: { ...draft, revision: 5 }, previous: { ...draft, chunkCount: 3 } }],
      audit,
      conflictMessage: 'x',
    }) as any[];
    expect(items[0].Put).toMatchObject({
      ConditionExpression: 'revision = :rev',
      ExpressionAttributeValues: { ':rev': 4 },
      Item: { pk: 'SVC#svc-1', sk: 'DRAFT', revision: 5, chunkCount: 1 },
    });
    expect(items.slice(1, -1)).toEqual([
      { Delete: { TableName: 'onus-test', Key: { pk: 'SVC#svc-1', sk: 'DRAFT#P#01' } } },
      { Delete: { TableName: 'onus-test', Key: { pk: 'SVC#svc-1', sk: 'DRAFT#P#02' } } },
    ]);
  });
});
