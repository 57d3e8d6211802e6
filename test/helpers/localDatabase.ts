import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../dev/table';

/**
 * The endpoint of the DynamoDB Local the test run started. Database-backed tests refuse anything
 * else: a misconfigured run must never write test data into a real AWS account.
 */
export function localEndpoint(): string {
  const endpoint = process.env.ONUS_TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('ONUS_TEST_DYNAMODB_ENDPOINT is not set: run the tests with `npm test` (its global setup starts DynamoDB Local).');
  const host = new URL(endpoint).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run database tests against ${endpoint}: only a local DynamoDB endpoint is allowed.`);
  }
  return endpoint;
}

/** A fresh table for one test file, created from infra/table.json like the deployed one. */
export async function freshTable(prefix = 'test'): Promise<{ endpoint: string; tableName: string }> {
  const endpoint = localEndpoint();
  const tableName = `onus-${prefix}-${randomUUID().slice(0, 8)}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  return { endpoint, tableName };
}
