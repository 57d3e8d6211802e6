import { randomBytes } from 'node:crypto';
import { Catalogue } from '../../src/domain/catalogue/catalogue';
import { RESPONSIBILITY_LIMITS } from '../../src/domain/contracts/responsibility';
import { TRACKING_LIMITS } from '../../src/domain/obligations/tracking';
import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { captureLogs, requestLines } from '../helpers/logs';
import { dataOf } from '../helpers/results';
import {
  createOrganization,
  createService,
  providerAdmin,
  publish,
  setResponsibilities,
  startDraft,
  subscribedCustomer,
  type Customer,
} from '../helpers/world';

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

const Screen = graphql(`
  query WaveScreen {
    inheritedObligations {
      counts {
        total
        byStatus {
          status
          count
        }
      }
    }
    coverage {
      totals {
        verdict
        count
      }
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

  it('answers the screens of a customer whose partition is over 1 MB in at most three waves cold and two warm', async () => {
    const observed = await createTestApi({ logLevel: 'INFO', tableName: api.config.tableName });
    const { lines } = await captureLogs(async () => {
      for (let i = 0; i < 2; i++) {
        const screen = dataOf(await observed.graphql(Screen, {}, customer.auditor));
        expect(screen.inheritedObligations.counts.byStatus.find((s) => s.status === 'PLANNED')?.count).toBeGreaterThanOrEqual(TRACKED - 1);
      }
    });
    const [cold, warm] = requestLines(lines);
    expect(cold!.dynamodbReadUnits).toBeGreaterThan(128);
    expect(cold!.dynamodbWaves).toBeLessThanOrEqual(3);
    expect(warm!.dynamodbWaves).toBeLessThanOrEqual(2);
  });
});

// Text that gzip cannot shrink much, so a contract at its limits spans several items.
const noise = (length: number) => randomBytes(length).toString('base64').slice(0, length);

describe('DynamoDB waves of the customer screens over contracts stored in several items', () => {
  it('reads every chunk of every subscribed contract in the same wave as the headers: three waves cold, two warm', async () => {
    const api = await createTestApi();
    const provider = await createOrganization(api, 'Verbose Cloud', ['PROVIDER']);
    const admin = providerAdmin(provider);
    const serviceIds: string[] = [];
    for (const name of ['Verbose IaaS', 'Verbose PaaS']) {
      const serviceId = await createService(api, admin, { name, serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
      await startDraft(api, admin, serviceId);
      const lines = new Catalogue().controls.map((c) => ({
        controlId: c.id,
        ownership: 'SHARED' as const,
        providerStatement: noise(RESPONSIBILITY_LIMITS.providerStatement),
        customerObligations: Array.from({ length: 4 }, () => ({ text: noise(RESPONSIBILITY_LIMITS.obligationText) })),
      }));
      dataOf(await setResponsibilities(api, admin, serviceId, 1, lines));
      dataOf(await publish(api, admin, serviceId, 2, 'Everything at its limit'));
      serviceIds.push(serviceId);
    }
    const customer = await subscribedCustomer(api, serviceIds);
    const observed = await createTestApi({ logLevel: 'INFO', tableName: api.config.tableName });
    const { lines } = await captureLogs(async () => {
      for (let i = 0; i < 2; i++) expect(dataOf(await observed.graphql(Screen, {}, customer.auditor)).inheritedObligations.counts.total).toBe(2 * 121 * 4);
    });
    const [cold, warm] = requestLines(lines);
    // Cold: the partition; the services; every version header with its further chunks. Warm: no versions.
    expect(cold).toMatchObject({ operationName: 'WaveScreen', status: 200, dynamodbWaves: 3 });
    expect(warm).toMatchObject({ operationName: 'WaveScreen', status: 200, dynamodbWaves: 2 });
  }, 60_000);
});
