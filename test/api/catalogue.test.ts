import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from '../generated';
import type { ControlFilter } from '../generated/graphql';
import { createTestApi, type TestApi } from '../helpers/api';
import { captureLogs, requestLines } from '../helpers/logs';
import { collectPages, dataOf, firstError, found } from '../helpers/results';

const auditor = { subject: 'auditor-1', organizationId: 'org-audit', roles: ['AUDITOR' as const] };

const Framework = graphql(`
  query Framework {
    framework {
      id
      clauseCount
      objectiveCount
      controlCount
      clauses {
        number
        title
        objectives {
          id
          cloudSpecific
          controls {
            id
          }
        }
      }
    }
  }
`);

const CloudSpecificControls = graphql(`
  query CloudSpecificControls {
    controls(filter: { cloudSpecific: true }) {
      totalCount
      edges {
        node {
          id
          objective {
            id
          }
          clause {
            number
          }
        }
      }
    }
  }
`);

const ControlIds = graphql(`
  query ControlIds($f: ControlFilter) {
    controls(filter: $f, first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const ControlPage = graphql(`
  query ControlPage($after: String) {
    controls(first: 40, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

const ControlById = graphql(`
  query ControlById($id: ID!) {
    control(id: $id) {
      id
      title
      cloudSpecific
      layers
    }
  }
`);

const ControlCount = graphql(`
  query ControlCount($first: Int) {
    controls(first: $first) {
      totalCount
    }
  }
`);

const Catalogue = graphql(`
  query Catalogue {
    framework {
      controlCount
    }
    controls(first: 5) {
      totalCount
    }
  }
`);

describe('the catalogue over the API', () => {
  let api: TestApi;
  /** Asks as an auditor; every catalogue answer, refusals included, is HTTP 200. */
  const query = async <TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables) => {
    const result = await api.graphql(document, variables, auditor);
    expect(result.status).toBe(200);
    return result;
  };

  beforeAll(async () => {
    api = await createTestApi();
  });

  it('serves the framework as clauses, objectives and controls with counts', async () => {
    const { framework } = dataOf(await query(Framework, {}));
    expect(framework).toMatchObject({ id: 'ISO/IEC 27017:2015', clauseCount: 14, objectiveCount: 37, controlCount: 121 });
    expect(framework.clauses).toHaveLength(14);
    const objectives = framework.clauses.flatMap((c) => c.objectives);
    expect(objectives).toHaveLength(37);
    expect(objectives.flatMap((o) => o.controls)).toHaveLength(121);
    const clause6 = found(framework.clauses, (c) => c.number === '6');
    expect(clause6.objectives.map((o) => o.id)).toEqual(['6.1', '6.2', 'CLD.6.3']);
    expect(clause6.objectives[2]).toEqual({ id: 'CLD.6.3', cloudSpecific: true, controls: [{ id: 'CLD.6.3.1' }] });
  });

  it('lists the seven cloud-specific controls', async () => {
    const { controls } = dataOf(await query(CloudSpecificControls, {}));
    expect(controls.totalCount).toBe(7);
    expect(controls.edges.map((e) => e.node.id)).toEqual(['CLD.6.3.1', 'CLD.8.1.5', 'CLD.9.5.1', 'CLD.9.5.2', 'CLD.12.1.5', 'CLD.12.4.5', 'CLD.13.1.4']);
    expect(controls.edges[1]?.node).toEqual({ id: 'CLD.8.1.5', objective: { id: '8.1' }, clause: { number: '8' } });
  });

  it('filters by clause, objective, layer and text', async () => {
    const ids = async (filter: ControlFilter) => dataOf(await query(ControlIds, { f: filter })).controls.edges.map((e) => e.node.id);
    expect(await ids({ clause: '10' })).toEqual(['10.1.1', '10.1.2']);
    expect(await ids({ objective: 'CLD.9.5' })).toEqual(['CLD.9.5.1', 'CLD.9.5.2']);
    expect(await ids({ layer: 'VIRTUALIZATION', clause: '13' })).toEqual(['CLD.13.1.4']);
    expect(await ids({ text: 'cryptograph' })).toEqual(['10.1.1', '18.1.5']);
    expect(await ids({ clause: '99' })).toEqual([]);
  });

  it('pages through all 121 controls with Relay cursors', async () => {
    const seen = await collectPages(
      async (after) => dataOf(await query(ControlPage, { after })).controls,
      (page) => page.edges.map((e) => e.node.id),
      10,
    );
    expect(seen).toHaveLength(121);
    expect(new Set(seen).size).toBe(121);
    expect(seen[0]).toBe('5.1.1');
    expect(seen[120]).toBe('18.2.3');
  });

  it('answers control(id) and says NOT_FOUND for an unknown id', async () => {
    const known = await query(ControlById, { id: 'CLD.12.4.5' });
    expect(dataOf(known).control).toEqual({
      id: 'CLD.12.4.5',
      title: 'Monitoring of cloud services',
      cloudSpecific: true,
      layers: ['APPLICATION', 'GOVERNANCE'],
    });
    const missing = await query(ControlById, { id: '19.1.1' });
    expect(missing.json.data).toBeNull();
    expect(firstError(missing).extensions.code).toBe('NOT_FOUND');
    expect(firstError(missing).message).toMatch(/No control "19.1.1"/);
  });

  it('refuses page sizes over 100 with BAD_USER_INPUT', async () => {
    const result = await query(ControlCount, { first: 500 });
    expect(firstError(result).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(result).message).toMatch(/from 1 to 100/);
  });

  it('answers catalogue queries from memory, without DynamoDB', async () => {
    // The request log line counts DynamoDB calls; the catalogue must not make any.
    const logged = await createTestApi({ logLevel: 'INFO' });
    const { lines } = await captureLogs(() => logged.graphql(Catalogue, {}, auditor));
    const [requestLine] = requestLines(lines);
    expect(requestLine).toMatchObject({ operationName: 'Catalogue', status: 200, dynamodbCalls: 0 });
  });
});
