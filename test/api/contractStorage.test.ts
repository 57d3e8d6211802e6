import { randomBytes } from 'node:crypto';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { Catalogue } from '../../src/domain/catalogue/catalogue';
import { RESPONSIBILITY_LIMITS } from '../../src/domain/contracts/responsibility';
import { graphql } from '../generated';
import type { ResponsibilityInput } from '../generated/graphql';
import { createTestApi, type TestApi } from '../helpers/api';
import { captureLogs, requestLines } from '../helpers/logs';
import { dataOf } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, setResponsibilities, startDraft } from '../helpers/world';

// Text that gzip cannot shrink much, so a maximal contract really exceeds one 400 KB item.
const noise = (length: number) => randomBytes(length).toString('base64').slice(0, length);

const CurrentContractTexts = graphql(`
  query CurrentContractTexts($id: ID!) {
    cloudService(id: $id) {
      currentContract {
        responsibilities {
          control {
            id
          }
          providerStatement
          customerObligations {
            text
          }
        }
      }
    }
  }
`);

const Versions = graphql(`
  query Versions($id: ID!) {
    cloudService(id: $id) {
      contractVersions {
        version
        changeNote
      }
    }
  }
`);

const ReadContract = graphql(`
  query ReadContract($id: ID!) {
    cloudService(id: $id) {
      name
      provider {
        name
      }
      currentContract {
        version
        responsibilities {
          control {
            id
          }
          ownership
          customerObligations {
            id
          }
        }
      }
    }
  }
`);

describe('contract storage and read cost', () => {
  let api: TestApi;
  let provider: string;

  beforeAll(async () => {
    api = await createTestApi();
    provider = await createOrganization(api, 'Bulk Cloud', ['PROVIDER']);
  });

  it('stores a 121-control contract with every text at its limit, split across items, and reads it back intact', async () => {
    const admin = providerAdmin(provider);
    const serviceId = await createService(api, admin, { name: 'Verbose IaaS', serviceModel: 'IAAS', deploymentModel: 'PUBLIC' });
    await startDraft(api, admin, serviceId);
    const ids = new Catalogue().controls.map((c) => c.id);
    const lines = ids.map((controlId): ResponsibilityInput => ({
      controlId,
      ownership: 'SHARED',
      providerStatement: noise(RESPONSIBILITY_LIMITS.providerStatement),
      customerObligations: Array.from({ length: 4 }, () => ({ text: noise(RESPONSIBILITY_LIMITS.obligationText) })),
    }));
    const saved = await setResponsibilities(api, admin, serviceId, 1, lines);
    expect(saved.json.errors).toBeUndefined();
    const published = await publish(api, admin, serviceId, 2, 'Everything at its limit');
    expect(dataOf(published).publishContractDraft.version).toBe(1);

    const read = await api.graphql(CurrentContractTexts, { id: serviceId }, admin);
    const back = dataOf(read).cloudService.currentContract?.responsibilities ?? [];
    expect(back).toHaveLength(121);
    expect(back[60]?.providerStatement).toBe(lines[60]!.providerStatement);
    expect(back[120]?.customerObligations.map((o) => o.text)).toEqual(lines[120]!.customerObligations!.map((o) => o.text));

    const client = new DynamoDBClient({
      endpoint: api.config.dynamodbEndpoint!,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const items = await client.send(
      new QueryCommand({
        TableName: api.config.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': { S: `SVC#${serviceId}` }, ':v': { S: 'V#000001' } },
        Select: 'COUNT',
      }),
    );
    client.destroy();
    expect(items.Count).toBeGreaterThan(1);

    // Listing versions reads their small summaries, not the megabyte of body behind each.
    const observed = await createTestApi({ logLevel: 'INFO', tableName: api.config.tableName });
    const { lines: logged } = await captureLogs(() => observed.graphql(Versions, { id: serviceId }, admin));
    const [versions] = requestLines(logged);
    expect(versions).toMatchObject({ operationName: 'Versions', dynamodbCalls: 2 });
    expect(versions!.dynamodbReadUnits).toBeLessThanOrEqual(1);
  });

  it('reads a service, its provider and its current contract in three DynamoDB calls cold and two warm, never one per control', async () => {
    const admin = providerAdmin(provider);
    const serviceId = await createService(api, admin, { name: 'Plain SaaS', serviceModel: 'SAAS', deploymentModel: 'PUBLIC' });
    const draft = await startDraft(api, admin, serviceId);
    await publish(api, admin, serviceId, draft.revision);

    // A new handler is a cold start: nothing cached.
    const cold = await createTestApi({ logLevel: 'INFO', tableName: api.config.tableName });
    const { lines } = await captureLogs(async () => {
      const first = await cold.graphql(ReadContract, { id: serviceId }, admin);
      expect(dataOf(first).cloudService.currentContract?.responsibilities).toHaveLength(121);
      await cold.graphql(ReadContract, { id: serviceId }, admin);
    });
    const [first, second] = requestLines(lines);
    // Cold: the service (with its organization, batched) and the version header; warm: the version comes from memory.
    expect(first).toMatchObject({ operationName: 'ReadContract', dynamodbCalls: 3 });
    expect(second).toMatchObject({ operationName: 'ReadContract', dynamodbCalls: 2 });
  });
});
