import { startDynamoLocal, type LocalDynamo } from '../../dev/dynamodbLocal';

// One DynamoDB Local for the whole run, in memory, on a free port. Workers inherit the endpoint
// through the environment; each test file creates its own table, so files never share data.
declare global {
  // `var`: only a var declaration adds a property to globalThis's type.
  var __ONUS_DYNAMO__: LocalDynamo | undefined;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dynamo = await startDynamoLocal();
  globalThis.__ONUS_DYNAMO__ = dynamo;
  process.env.ONUS_TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.stdout.write(`\nDynamoDB Local ready at ${dynamo.endpoint} in ${Date.now() - started} ms\n`);
}
