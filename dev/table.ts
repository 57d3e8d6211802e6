import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import definition from '../infra/table.json';

/** Creates the table from infra/table.json, the definition serverless.yml deploys. Idempotent. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'exists';
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: definition.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
      KeySchema: definition.KeySchema as CreateTableCommandInput['KeySchema'],
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: definition.TimeToLiveAttribute, Enabled: true },
    }),
  );
  return 'created';
}
