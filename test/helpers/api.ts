import type { Config } from '../../src/config';
import { createInProcessApi, type InProcessApi } from '../../dev/inProcessApi';
import type { Identity } from '../../dev/tokens';
import { freshTable } from './localDatabase';

export { lambdaContext, v2Event, type HttpResult } from '../../dev/inProcessApi';

export type TestApi = InProcessApi;

/** The real Lambda handler on a fresh table of the test run's DynamoDB Local. */
export async function createTestApi(overrides: Partial<Config> = {}, options: { readonly clock?: () => Date } = {}): Promise<TestApi> {
  const { endpoint, tableName } = await freshTable();
  return createInProcessApi(endpoint, tableName, overrides, options);
}

export const platformAdmin: Identity = { subject: 'ops|platform', organizationId: null, roles: ['PLATFORM_ADMIN'], name: 'Platform Operator' };
