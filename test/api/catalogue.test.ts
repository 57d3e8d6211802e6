import { createTestApi, type TestApi } from '../helpers/api';
import { captureLogs, requestLines } from '../helpers/logs';

const auditor = { subject: 'auditor-1', organizationId: 'org-audit', roles: ['AUDITOR' as const] };

describe('the catalogue over the API', () => {
  let api: TestApi;
  const query = async (q: string, variables: Record<string, unknown> = {}) => {
    const result = await api.graphql(q, variables, auditor);
    expect(result.status).toBe(200);
    return result.json;
  };

  beforeAll(async () => {
    api = await createTestApi();
  });

  it('serves the framework as clauses, objectives and controls with counts', async () => {
    const { data } = await query(`{ framework { id clauseCount objectiveCount controlCount
      clauses { number title objectives { id cloudSpecific controls { id } } } } }`);
    const framework = data.framework;
    expect(framework).toMatchObject({ id: 'ISO/IEC 27017:2015', clauseCount: 14, objectiveCount: 37, controlCount: 121 });
    expect(framework.clauses).toHaveLength(14);
    const objectives = framework.clauses.flatMap((c: any) => c.objectives);
    expect(objectives).toHaveLength(37);
    expect(objectives.flatMap((o: any) => o.controls)).toHaveLength(121);
    const clause6 = framework.clauses.find((c: any) => c.number === '6');
    expect(clause6.objectives.map((o: any) => o.id)).toEqual(['6.1', '6.2', 'CLD.6.3']);
    expect(clause6.objectives[2]).toEqual({ id: 'CLD.6.3', cloudSpecific: true, controls: [{ id: 'CLD.6.3.1' }] });
  });

  it('lists the seven cloud-specific controls', async () => {
    const { data } = await query('{ controls(filter: { cloudSpecific: true }) { totalCount edges { node { id objective { id } clause { number } } } } }');
    expect(data.controls.totalCount).toBe(7);
    expect(data.controls.edges.map((e: any) => e.node.id)).toEqual(['CLD.6.3.1', 'CLD.8.1.5', 'CLD.9.5.1', 'CLD.9.5.2', 'CLD.12.1.5', 'CLD.12.4.5', 'CLD.13.1.4']);
    expect(data.controls.edges[1].node).toEqual({ id: 'CLD.8.1.5', objective: { id: '8.1' }, clause: { number: '8' } });
  });

  it('filters by clause, objective, layer and text', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await query('query($f: ControlFilter) { controls(filter: $f, first: 100) { edges { node { id } } } }', { f: filter })).data.controls.edges.map((e: any) => e.node.id);
    expect(await ids({ clause: '10' })).toEqual(['10.1.1', '10.1.2']);
    expect(await ids({ objective: 'CLD.9.5' })).toEqual(['CLD.9.5.1', 'CLD.9.5.2']);
    expect(await ids({ layer: 'VIRTUALIZATION', clause: '13' })).toEqual(['CLD.13.1.4']);
    expect(await ids({ text: 'cryptograph' })).toEqual(['10.1.1', '18.1.5']);
    expect(await ids({ clause: '99' })).toEqual([]);
  });

  it('pages through all 121 controls with Relay cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { data }: any = await query('query($after: String) { controls(first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }', { after });
      seen.push(...data.controls.edges.map((e: any) => e.node.id));
      if (!data.controls.pageInfo.hasNextPage) break;
      after = data.controls.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(121);
    expect(new Set(seen).size).toBe(121);
    expect(seen[0]).toBe('5.1.1');
    expect(seen[120]).toBe('18.2.3');
  });

  it('answers control(id) and says NOT_FOUND for an unknown id', async () => {
    const found = await query('{ control(id: "CLD.12.4.5") { id title cloudSpecific layers } }');
    expect(found.data.control).toEqual({ id: 'CLD.12.4.5', title: 'Monitoring of cloud services', cloudSpecific: true, layers: ['APPLICATION', 'GOVERNANCE'] });
    const missing = await query('{ control(id: "19.1.1") { id } }');
    expect(missing.data).toBeNull();
    expect(missing.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(missing.errors[0].message).toMatch(/No control "19.1.1"/);
  });

  it('refuses page sizes over 100 with BAD_USER_INPUT', async () => {
    const result = await query('{ controls(first: 500) { totalCount } }');
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors[0].message).toMatch(/from 1 to 100/);
  });

  it('answers catalogue queries from memory, without DynamoDB', async () => {
    // The request log line counts DynamoDB calls; the catalogue must not make any.
    const logged = await createTestApi({ logLevel: 'INFO' });
    const { lines } = await captureLogs(() => logged.graphql('query Catalogue { framework { controlCount } controls(first: 5) { totalCount } }', {}, auditor));
    const [requestLine] = requestLines(lines);
    expect(requestLine).toMatchObject({ operationName: 'Catalogue', status: 200, dynamodbCalls: 0 });
  });
});
