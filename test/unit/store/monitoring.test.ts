import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../src/domain/audit/event';
import type { StoredInterval } from '../../../src/domain/monitoring/report';
import { Store } from '../../../src/store/store';

// Monitoring's items and its month Query, offline: the key is what makes a retried report count
// once (same source, scope and start: same item) and a month of one source one Query.
const store = new Store(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), 'onus-test');

const audit: AuditEvent = {
  id: 'evt-1',
  at: '2026-11-29T10:00:00.000Z',
  action: 'monitoring.report',
  actor: { subject: 'mon', organizationId: 'org-globex', roles: ['MONITOR'] },
  target: { type: 'CloudService', id: 'svc-1', organizationId: 'org-globex' },
  summary: 'reported 1 measured interval',
  details: {},
};
const interval: StoredInterval = {
  serviceId: 'svc-1',
  scope: { region: 'eu-west-1', tier: 'multi#zone' },
  source: { organizationId: 'org-globex', kind: 'CUSTOMER' },
  month: '2026-11',
  start: '2026-11-05T10:00:00.000Z',
  end: '2026-11-05T11:00:00.000Z',
  errorRatePercent: 12.5,
  exclusion: null,
  maintenanceAnnouncedAt: null,
  note: null,
  reportedAt: '2026-11-29T10:00:00.000Z',
  reportedBy: 'mon',
};

describe('monitoring items', () => {
  it('puts each interval unconditionally under its month, scope and source, so a retry replaces itself', () => {
    const excluded = store.monitoring.intervalPut({
      ...interval,
      exclusion: 'SCHEDULED_MAINTENANCE',
      maintenanceAnnouncedAt: '2026-10-01T00:00:00.000Z',
      note: 'patching',
    });
    expect(excluded.Item).toMatchObject({ exclusion: 'SCHEDULED_MAINTENANCE', maintenanceAnnouncedAt: '2026-10-01T00:00:00.000Z', note: 'patching' });
    const [put] = store.transactItems({ changes: [{ kind: 'monitoring.interval.put', interval }], audit, conflictMessage: 'x' });
    expect(put).toEqual({
      Put: {
        TableName: 'onus-test',
        // What the key says is not repeated; absent values are left out.
        Item: {
          pk: 'MON#svc-1#["eu-west-1","multi#zone"]#2026-11',
          sk: 'SRC#org-globex#2026-11-05T10:00:00.000Z',
          type: 'MeasuredInterval',
          start: '2026-11-05T10:00:00.000Z',
          end: '2026-11-05T11:00:00.000Z',
          errorRatePercent: 12.5,
          sourceKind: 'CUSTOMER',
          reportedAt: '2026-11-29T10:00:00.000Z',
          reportedBy: 'mon',
        },
      },
    });
  });

  it('reads one source of one month with one key condition', () => {
    expect(store.monitoring.monthQuery('svc-1', { region: null, tier: null }, '2026-11', 'org-nimbus')).toEqual({
      TableName: 'onus-test',
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :source)',
      ExpressionAttributeValues: { ':pk': 'MON#svc-1#[null,null]#2026-11', ':source': 'SRC#org-nimbus#' },
    });
  });
});
