import { TRACKING_LIMITS } from '../../src/domain/obligations/tracking';
import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { captureLogs, requestLines } from '../helpers/logs';
import { dataOf } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer, type Customer } from '../helpers/world';

// What a customer's screens and writes cost in DynamoDB round trips and read units, read from the
// handler's request log line (dynamodbCalls, dynamodbReadUnits, dynamodbWaves: src/store/metering.ts).

const ObligationIds = graphql(`
  query WaveObligationIds {
    inheritedObligations {
      clauses {
        controls {
          obligations {
            id
            service {
              id
            }
          }
        }
      }
    }
  }
`);

const Record = graphql(`
  mutation WaveRecord($input: RecordObligationStatusInput!) {
    recordObligationStatus(input: $input) {
      status
    }
  }
`);

const Acknowledge = graphql(`
  mutation WaveAcknowledge($serviceId: ID!) {
    acknowledgeContractVersion(serviceId: $serviceId) {
      acknowledgedVersion
    }
  }
`);

/** A status with every text at its limit (~28 KB an item), so a few dozen fill a megabyte. */
const heavyStatus = (serviceId: string, obligationId: string, i: number) => ({
  serviceId,
  obligationId,
  status: 'PLANNED' as const,
  owner: 'o'.repeat(TRACKING_LIMITS.owner),
  reason: 'r'.repeat(TRACKING_LIMITS.reason),
  notes: `${i} ${'n'.repeat(TRACKING_LIMITS.notes - 10)}`,
  evidence: Array.from({ length: TRACKING_LIMITS.evidence }, (_, e) => ({
    title: 't'.repeat(TRACKING_LIMITS.evidenceTitle),
    url: `https://evidence.example.com/${e}/${'u'.repeat(TRACKING_LIMITS.evidenceUrl - 40)}`,
  })),
});

const TRACKED = 45;

describe('DynamoDB waves and read units of the customer screens and writes', () => {
  let api: TestApi;
  let customer: Customer;
  let obligations: { id: string; serviceId: string }[];

  beforeAll(async () => {
    api = await createTestApi();
    const provider = await createOrganization(api, 'Wave Cloud', ['PROVIDER']);
    const admin = providerAdmin(provider);
    const serviceIds: string[] = [];
    for (const name of ['Wave IaaS', 'Wave SaaS']) {
      const serviceId = await createService(api, admin, {
        name,
        serviceModel: name.endsWith('IaaS') ? 'IAAS' : 'SAAS',
        deploymentModel: 'PUBLIC',
        regions: ['eu-west-1'],
      });
      const draft = await startDraft(api, admin, serviceId);
      await publish(api, admin, serviceId, draft.revision);
      serviceIds.push(serviceId);
    }
    customer = await subscribedCustomer(api, serviceIds);
    const read = dataOf(await api.graphql(ObligationIds, {}, customer.auditor));
    obligations = read.inheritedObligations.clauses.flatMap((c) =>
      c.controls.flatMap((k) => k.obligations.map((o) => ({ id: o.id, serviceId: o.service.id }))),
    );
    // A customer partition over 1 MB: many statuses with long texts.
    for (const [i, o] of obligations.slice(0, TRACKED).entries())
      dataOf(await api.graphql(Record, { input: heavyStatus(o.serviceId, o.id, i) }, customer.admin));
  }, 120_000);

  it('records one status with one small read and one transaction, however large the partition', async () => {
    expect(obligations.length).toBeGreaterThan(TRACKED);
    const observed = await createTestApi({ logLevel: 'INFO', tableName: api.config.tableName });
    const tracked = obligations[0]!;
    const fresh = obligations.slice(TRACKED).find((o) => o.serviceId === tracked.serviceId)!;
    const { lines } = await captureLogs(async () => {
      // The first write of a new handler reads the contract version once; later ones find it in memory.
      dataOf(await observed.graphql(Record, { input: { serviceId: fresh.serviceId, obligationId: fresh.id, status: 'PLANNED' } }, customer.admin));
      dataOf(await observed.graphql(Record, { input: { serviceId: tracked.serviceId, obligationId: tracked.id, status: 'IMPLEMENTED' } }, customer.admin));
      dataOf(await observed.graphql(Acknowledge, { serviceId: tracked.serviceId }, customer.admin));
    });
    const [, warm, acknowledge] = requestLines(lines);
    // One BatchGetItem (subscription, service, the obligation's record; consistent) and one transaction.
    expect(warm).toMatchObject({ operationName: 'WaveRecord', status: 200, dynamodbCalls: 2, dynamodbWaves: 2 });
    // The partition holds over a megabyte (128+ read units to Query whole); this record is ~29 KB (8
    // units consistent), the subscription and the service 1 each.
    expect(warm!.dynamodbReadUnits).toBeLessThanOrEqual(10);
    expect(acknowledge).toMatchObject({ operationName: 'WaveAcknowledge', status: 200, dynamodbCalls: 2, dynamodbWaves: 2 });
    expect(acknowledge!.dynamodbReadUnits).toBeLessThanOrEqual(2);
  });
});
