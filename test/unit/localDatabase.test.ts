import { localEndpoint } from '../helpers/localDatabase';

describe('database-backed tests', () => {
  const saved = process.env.ONUS_TEST_DYNAMODB_ENDPOINT;
  afterEach(() => {
    if (saved === undefined) delete process.env.ONUS_TEST_DYNAMODB_ENDPOINT;
    else process.env.ONUS_TEST_DYNAMODB_ENDPOINT = saved;
  });

  it.each(['https://dynamodb.eu-west-1.amazonaws.com', 'http://10.0.0.5:8000', 'http://dynamodb.internal:8000'])('refuse to run against %s', (endpoint) => {
    process.env.ONUS_TEST_DYNAMODB_ENDPOINT = endpoint;
    expect(() => localEndpoint()).toThrow(/only a local DynamoDB endpoint/);
  });

  it('run against DynamoDB Local on the loopback interface', () => {
    process.env.ONUS_TEST_DYNAMODB_ENDPOINT = 'http://127.0.0.1:8123';
    expect(localEndpoint()).toBe('http://127.0.0.1:8123');
  });

  it('say how to start them when no endpoint is set', () => {
    delete process.env.ONUS_TEST_DYNAMODB_ENDPOINT;
    expect(() => localEndpoint()).toThrow(/npm test/);
  });
});
