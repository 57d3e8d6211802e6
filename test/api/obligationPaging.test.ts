import { createInProcessApi } from '../../dev/inProcessApi';
import { DEMO_IDENTITIES } from '../../dev/demo';
import { graphql } from '../generated';
import { seededDemo, type DemoWorld } from '../helpers/demo';
import { captureLogs, requestLines } from '../helpers/logs';
import { collectPages, dataOf, firstError, problemPaths } from '../helpers/results';

// A customer screen pages through what its organization inherits (Globex subscribes to the demo's
// IaaS → PaaS → SaaS chain: several hundred obligations), in the clause view's order, with counts
// for the whole set on every page, and cursors that keep their place while statuses change.

const gina = DEMO_IDENTITIES.subscribedCustomer!;

const Page = graphql(`
  query ObligationPage($first: Int, $after: String, $filter: ObligationFilter) {
    inheritedObligations(first: $first, after: $after, filter: $filter) {
      totalCount
      counts {
        total
        byStatus {
          status
          count
        }
      }
      edges {
        cursor
        node {
          id
          control {
            id
          }
          service {
            id
            name
          }
          tracking {
            status
          }
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
    }
  }
`);

const Grouped = graphql(`
  query ObligationsGrouped($first: Int) {
    inheritedObligations(first: $first) {
      counts {
        total
      }
      clauses {
        controls {
          control {
            id
          }
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

const Screen = graphql(`
  query ObligationScreen($after: String) {
    inheritedObligations(first: 500, after: $after) {
      totalCount
      edges {
        node {
          id
          text
          ownership
          contractVersion
          control {
            id
            title
          }
          service {
            id
            name
          }
          tracking {
            status
            owner
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Record = graphql(`
  mutation PagingRecordStatus($input: RecordObligationStatusInput!) {
    recordObligationStatus(input: $input) {
      status
    }
  }
`);

const keyOf = (o: { id: string; service: { id: string } }) => `${o.service.id}/${o.id}`;

describe('paging through inherited obligations', () => {
  let world: DemoWorld;
  let all: string[];
  beforeAll(async () => {
    world = await seededDemo();
    const grouped = dataOf(await world.api.graphql(Grouped, {}, gina)).inheritedObligations;
    all = grouped.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations.map(keyOf)));
  }, 60_000);

  it('pages through every obligation in the clause view’s order, with the whole set’s counts on each page', async () => {
    expect(all.length).toBeGreaterThan(300);
    const pages: { totalCount: number; counts: { total: number }; hasPreviousPage: boolean; size: number }[] = [];
    const paged = await collectPages(
      async (after) => {
        const page = dataOf(await world.api.graphql(Page, { first: 100, after }, gina)).inheritedObligations;
        pages.push({ totalCount: page.totalCount, counts: page.counts, hasPreviousPage: page.pageInfo.hasPreviousPage, size: page.edges.length });
        return page;
      },
      (page) => page.edges.map((e) => keyOf(e.node)),
    );
    expect(paged).toEqual(all);
    expect(pages.length).toBe(Math.ceil(all.length / 100));
    for (const [i, p] of pages.entries()) {
      expect(p.totalCount).toBe(all.length);
      expect(p.counts.total).toBe(all.length);
      expect(p.hasPreviousPage).toBe(i > 0);
    }
  });

  it('serves the screen’s page of 500 (first written in the query) within the query limits, and 100 when first is left out', async () => {
    const page = dataOf(await world.api.graphql(Screen, {}, gina)).inheritedObligations;
    expect(page.edges.map((e) => keyOf(e.node))).toEqual(all.slice(0, 500));
    expect(page.pageInfo.hasNextPage).toBe(all.length > 500);
    const rest = dataOf(await world.api.graphql(Screen, { after: page.pageInfo.endCursor }, gina)).inheritedObligations;
    expect([...page.edges, ...rest.edges].map((e) => keyOf(e.node))).toEqual(all);
    const byDefault = dataOf(await world.api.graphql(Page, {}, gina)).inheritedObligations;
    expect(byDefault.edges).toHaveLength(100);
  });

  it('groups only the page by clause when paging, and everything without first or after (as before)', async () => {
    const page = dataOf(await world.api.graphql(Grouped, { first: 30 }, gina)).inheritedObligations;
    expect(page.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations.map(keyOf)))).toEqual(all.slice(0, 30));
    expect(page.counts.total).toBe(all.length);
  });

  it('keeps its place when obligations before the cursor, or the cursor’s own, leave the filtered set', async () => {
    const filter = { status: ['NOT_STARTED' as const] };
    const first = dataOf(await world.api.graphql(Page, { first: 40, filter }, gina)).inheritedObligations;
    const second = dataOf(await world.api.graphql(Page, { first: 40, after: first.pageInfo.endCursor, filter }, gina)).inheritedObligations;
    // Settle two obligations of the first page, its last one included: both leave the NOT_STARTED set.
    for (const { node } of [first.edges[0]!, first.edges.at(-1)!]) {
      dataOf(await world.api.graphql(Record, { input: { serviceId: node.service.id, obligationId: node.id, status: 'IMPLEMENTED' } }, gina));
    }
    const again = dataOf(await world.api.graphql(Page, { first: 40, after: first.pageInfo.endCursor, filter }, gina)).inheritedObligations;
    expect(again.edges.map((e) => keyOf(e.node))).toEqual(second.edges.map((e) => keyOf(e.node)));
    expect(again.totalCount).toBe(first.totalCount - 2);
  });

  it('refuses a bad first or after with BAD_USER_INPUT naming the argument, before any DynamoDB call', async () => {
    const observed = await createInProcessApi(world.table.endpoint, world.table.tableName, { logLevel: 'INFO' });
    const otherList = Buffer.from('services:x', 'utf8').toString('base64url');
    const unknownControl = Buffer.from(`obligations:${JSON.stringify(['99.9.9', 's', 0, 'o'])}`, 'utf8').toString('base64url');
    const cases = [
      [{ first: 0 }, 'first'],
      [{ first: 501 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: otherList }, 'after'],
      [{ after: unknownControl }, 'after'],
    ] as const;
    const { result, lines } = await captureLogs(() => Promise.all(cases.map(([variables]) => observed.graphql(Page, variables, gina))));
    result.forEach((response, i) => {
      expect(firstError(response).extensions.code).toBe('BAD_USER_INPUT');
      expect(problemPaths(response)).toEqual([cases[i]![1]]);
    });
    const logged = requestLines(lines);
    expect(logged).toHaveLength(cases.length);
    for (const line of logged) expect(line.dynamodbCalls).toBe(0);
  });
});
