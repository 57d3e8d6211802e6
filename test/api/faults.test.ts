import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '../../src/store/batchGet';
import { createDocumentClient } from '../../src/store/client';
import { metered } from '../../src/store/metering';
import { graphql } from '../generated';
import { createTestApi, platformAdmin } from '../helpers/api';
import { freshTable } from '../helpers/localDatabase';
import { firstError } from '../helpers/results';

const AnyOrganization = graphql(`
  query AnyOrganization {
    organization(id: "any") {
      name
    }
  }
`);

// DynamoDB Local never throttles and never returns UnprocessedKeys under load, and it never hangs:
// those paths are exercised here by injecting the faults.

describe('when DynamoDB misbehaves', () => {
  it('retries the keys a BatchGetItem leaves unprocessed until every item is read', async () => {
    const { endpoint, tableName } = await freshTable('faults');
    const client = createDocumentClient({ region: 'us-east-1', endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 });
    const keys = Array.from({ length: 150 }, (_, i) => ({ pk: `ORG#bulk-${i}`, sk: 'ORG' }));
    for (const key of keys) await client.send(new PutCommand({ TableName: tableName, Item: { ...key, n: key.pk } }));

    // The first response of each batch holds back half of its keys, as DynamoDB does when throttled.
    let heldBack = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, { Keys: unknown[] }> };
        const items = output.Responses?.[tableName];
        if (items && items.length > 1 && heldBack < 2) {
          heldBack++;
          const kept = items.slice(0, Math.ceil(items.length / 2));
          const held = items.slice(kept.length).map((item) => ({ pk: item.pk, sk: item.sk }));
          output.Responses![tableName] = kept;
          output.UnprocessedKeys = { [tableName]: { Keys: held } };
        }
        return result;
      },
      { step: 'initialize', name: 'holdBackHalf' },
    );
    const { result, meter } = await metered(() => batchGet(client, tableName, [...keys, keys[0]!]));
    expect(result.size).toBe(150);
    expect([...result.values()].map((item) => item.n).sort()).toEqual(keys.map((k) => k.pk).sort());
    // Two batches of at most 100 keys, each retried once for what was held back.
    expect(meter.byCommand).toEqual({ BatchGetItemCommand: 4 });
  });

  it('fails fast with a masked INTERNAL_SERVER_ERROR when DynamoDB stops answering', async () => {
    // Accepts connections and never answers: a dead node behind a live socket.
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const api = await createTestApi({
        dynamodbEndpoint: `http://127.0.0.1:${port}`,
        tableName: `onus-blackhole-${randomUUID().slice(0, 6)}`,
        dynamodb: { maxAttempts: 2, connectionTimeoutMs: 200, requestTimeoutMs: 300 },
      });
      const started = Date.now();
      const result = await api.graphql(AnyOrganization, {}, platformAdmin);
      const elapsed = Date.now() - started;
      expect(firstError(result).extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.text).not.toMatch(/timeout|socket|ECONN/i);
      // The behaviour that matters: the request ends with a clear error before the Lambda's 10 s
      // timeout would kill it (two attempts of 300 ms here), instead of hanging on the socket.
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });
});
