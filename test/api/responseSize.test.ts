import { createInProcessApi, type InProcessApi } from '../../dev/inProcessApi';
import type { Identity } from '../../dev/tokens';
import { startContractDraft } from '../../src/app/contracts/startContractDraft';
import { publishContractDraft } from '../../src/app/contracts/publishContractDraft';
import { setResponsibilities } from '../../src/app/contracts/setResponsibilities';
import type { AppContext } from '../../src/app/context';
import { createOrganization } from '../../src/app/organizations/createOrganization';
import { createCloudService } from '../../src/app/services/createCloudService';
import { subscribe } from '../../src/app/subscriptions/subscribe';
import { Catalogue } from '../../src/domain/catalogue/catalogue';
import { RESPONSIBILITY_LIMITS } from '../../src/domain/contracts/responsibility';
import { TRACKING_LIMITS, type TrackingRecord } from '../../src/domain/obligations/tracking';
import { SERVICE_LIMITS } from '../../src/domain/services/service';
import { SUBSCRIPTION_LIMIT } from '../../src/domain/subscriptions/limit';
import { DEFAULT_REQUEST_LIMITS } from '../../src/config';
import { createDocumentClient } from '../../src/store/client';
import { createLoaders } from '../../src/store/loaders';
import { Store } from '../../src/store/store';
import { graphql } from '../generated';
import { caller } from '../helpers/appContext';
import { freshTable } from '../helpers/localDatabase';
import { dataOf, firstError } from '../helpers/results';

// The largest legal response of each customer screen, measured through the real handler: a customer
// at the subscription cap (300 services, each name at its 120-character limit, each a full
// 121-control contract), two of whose contracts carry the longest obligations a contract may hold
// (20 of 2,000 characters on a control), with the fullest status a customer may record on the
// first hundred of them (enough to fill a page's byte budget twice over). The data is built through
// the use cases (hundreds of GraphQL calls would only be slower); every read goes through the handler. A response either fits the 5,000,000-byte limit, well inside
// Lambda's 6 MB, or is refused RESPONSE_TOO_LARGE: never a bare 502.

const LIMIT = DEFAULT_REQUEST_LIMITS.responseBytes;
const report = (what: string, bytes: number) => {
  if (process.env.ONUS_REPORT_SIZES) process.stdout.write(`${what}: ${bytes.toLocaleString('en')} bytes\n`);
};

const PageOfObligations = graphql(`
  query LargestObligationPage($after: String, $filter: ObligationFilter) {
    inheritedObligations(first: 500, after: $after, filter: $filter) {
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
          text
          unlocksProvided
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
            reason
            owner
            evidence {
              title
              url
            }
            notes
            updatedAt
            updatedBy
            textChangedSinceRecorded
          }
          relays {
            upstreamServiceId
            obligationId
            text
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

const WidestCoverage = graphql(`
  query WidestCoverage {
    coverage {
      totals {
        verdict
        count
      }
      controls {
        control {
          id
          title
        }
        verdict
        obligations
        openObligations
        contributors {
          service {
            id
            name
          }
          contractVersion
          ownership
          status
          obligations
          openObligations
        }
      }
    }
  }
`);

const FullPosture = graphql(`
  query FullPosture {
    posture {
      overall {
        implementedShare
        counts {
          total
          byStatus {
            status
            count
          }
        }
      }
      byClause {
        clause {
          number
          title
        }
        posture {
          implementedShare
          counts {
            total
            byStatus {
              status
              count
            }
          }
        }
      }
    }
  }
`);

const AllGrouped = graphql(`
  query AllGrouped {
    inheritedObligations {
      counts {
        total
      }
      clauses {
        controls {
          obligations {
            id
            text
            service {
              name
            }
            tracking {
              status
              notes
            }
          }
        }
      }
    }
  }
`);

const CoverageVerdicts = graphql(`
  query CoverageVerdicts {
    coverage {
      totals {
        verdict
        count
      }
      controls {
        control {
          id
        }
        verdict
        obligations
        openObligations
      }
    }
  }
`);

const SubscribeOneMore = graphql(`
  mutation SubscribeOneMore($input: SubscribeInput!) {
    subscribe(input: $input) {
      id
    }
  }
`);

const catalogue = new Catalogue();
const text = (n: number, length: number) =>
  `${n} ${'Keep a written, reviewed and tested record of this duty. '.repeat(Math.ceil(length / 56))}`.slice(0, length);

describe('the largest legal response of each customer screen', () => {
  let api: InProcessApi;
  let customer: Identity;
  let spare: string;
  let longTextServices: string[];

  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable('size');
    const store = new Store(
      createDocumentClient({ region: 'us-east-1', endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 }),
      tableName,
    );
    let next = 0;
    const as = (who: ReturnType<typeof caller>): AppContext => ({
      caller: who,
      catalogue,
      store,
      loaders: createLoaders(store),
      clock: () => new Date(),
      newId: () => `sz-${String(++next).padStart(5, '0')}`,
      memo: new Map(),
    });
    const platform = caller(null, 'PLATFORM_ADMIN');
    const provider = await createOrganization(as(platform), { name: 'Verbose Cloud', kinds: ['PROVIDER'] });
    const buyer = await createOrganization(as(platform), { name: 'Largest Buyer', kinds: ['CUSTOMER'] });
    const admin = caller(provider.id, 'PROVIDER_ADMIN');
    const buyerAdmin = caller(buyer.id, 'CUSTOMER_ADMIN');
    const service = async (n: number, longText: boolean) => {
      const name = `${String(n).padStart(3, '0')} ${'Very long service name '.repeat(6)}`.slice(0, SERVICE_LIMITS.name);
      const created = await createCloudService(as(admin), { name, serviceModel: 'SAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
      let draft = await startContractDraft(as(admin), created.id, 'TEMPLATE');
      if (longText) {
        // 26 controls × 20 obligations of 2,000 characters: more than a page of the longest obligations.
        const lines = catalogue.controls.slice(n * 26, n * 26 + 26).map((c, i) => ({
          controlId: c.id,
          ownership: 'CUSTOMER' as const,
          customerObligations: Array.from({ length: 20 }, (_, k) => ({ text: text(i * 20 + k, RESPONSIBILITY_LIMITS.obligationText) })),
        }));
        draft = await setResponsibilities(as(admin), created.id, draft.revision, lines);
      }
      await publishContractDraft(as(admin), created.id, draft.revision, 'Sized');
      return created.id;
    };
    longTextServices = [await service(0, true), await service(1, true)];
    const ids = [...longTextServices];
    for (let n = 2; n <= SUBSCRIPTION_LIMIT; n++) ids.push(await service(n, false));
    spare = ids.pop()!;
    for (const serviceId of ids) await subscribe(as(buyerAdmin), { serviceId, regions: ['eu-west-1'], startDate: '2026-12-01' });

    // The fullest status a customer may record (about 30 KB each), on the first 100 long obligations.
    const longest = (await store.contracts.getVersions(longTextServices.map((serviceId) => ({ serviceId, version: 1 })))).flatMap((v) =>
      v!.responsibilities.flatMap((l) => l.customerObligations.map((o) => ({ serviceId: v!.serviceId, obligation: o }))),
    );
    const records: TrackingRecord[] = longest.slice(0, 100).map(({ serviceId, obligation }) => ({
      serviceId,
      obligationId: obligation.id,
      status: 'NOT_APPLICABLE',
      reason: text(1, TRACKING_LIMITS.reason),
      owner: text(2, TRACKING_LIMITS.owner),
      evidence: Array.from({ length: TRACKING_LIMITS.evidence }, (_, i) => ({
        title: text(i, TRACKING_LIMITS.evidenceTitle),
        url: `https://evidence.example/${'e'.repeat(TRACKING_LIMITS.evidenceUrl - 40)}/${i}`,
      })),
      notes: text(3, TRACKING_LIMITS.notes),
      recordedText: obligation.text,
      updatedAt: '2026-11-29T09:00:00.000Z',
      updatedBy: 'largest@buyer',
    }));
    for (let i = 0; i < records.length; i += 50) {
      await store.commit({
        changes: records.slice(i, i + 50).map((record) => ({ kind: 'tracking.put' as const, customerOrganizationId: buyer.id, record, previous: null })),
        audit: null,
        conflictMessage: 'seeded twice',
      });
    }
    api = await createInProcessApi(endpoint, tableName);
    customer = { subject: 'largest@buyer', organizationId: buyer.id, roles: ['CUSTOMER_ADMIN', 'AUDITOR'] };
  }, 600_000);

  it('holds a subscription cap of 300 per organization, refused with a stable code', async () => {
    const refused = await api.graphql(SubscribeOneMore, { input: { serviceId: spare, regions: ['eu-west-1'], startDate: '2026-12-01' } }, customer);
    expect(firstError(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'serviceId', code: 'SUBSCRIPTION_LIMIT_REACHED' }] });
    expect(firstError(refused).message).toMatch(/300/);
  });

  it('answers a page of 500 of the longest obligations with the fullest statuses well inside the limit, ending early at its budget', async () => {
    // The first service's obligations come first, fully tracked: the page ends at its byte budget.
    const tracked = await api.graphql(PageOfObligations, { filter: { serviceIds: [longTextServices[0]!] } }, customer);
    const page = dataOf(tracked).inheritedObligations;
    report('inheritedObligations, page of 500 asked, long texts with the fullest statuses', Buffer.byteLength(tracked.text));
    expect(page.edges.length).toBeGreaterThan(0);
    expect(page.edges.length).toBeLessThan(100);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(Buffer.byteLength(tracked.text)).toBeLessThan(LIMIT * 0.6);
    // The whole stack's first page: 500 obligations, long ones among them.
    const first = await api.graphql(PageOfObligations, {}, customer);
    report('inheritedObligations, first page of 500 of the whole stack', Buffer.byteLength(first.text));
    expect(dataOf(first).inheritedObligations.totalCount).toBeGreaterThan(20_000);
    expect(Buffer.byteLength(first.text)).toBeLessThan(LIMIT * 0.6);
  }, 120_000);

  it('answers posture at the cap in a few kilobytes, and refuses the widest coverage of 300 long-named services RESPONSE_TOO_LARGE', async () => {
    const posture = await api.graphql(FullPosture, {}, customer);
    report('posture', Buffer.byteLength(posture.text));
    expect(dataOf(posture).posture.overall.counts.total).toBeGreaterThan(20_000);
    expect(Buffer.byteLength(posture.text)).toBeLessThan(100_000);
    // 121 controls × 300 contributors, each naming its service (120 characters): past the limit, so
    // refused with the code and a small body, never a response Lambda would fail.
    const coverage = await api.graphql(WidestCoverage, {}, customer);
    report(`coverage at ${SUBSCRIPTION_LIMIT} subscriptions (widest)`, Buffer.byteLength(coverage.text));
    expect(coverage.status).toBe(400);
    expect(firstError(coverage).extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(Buffer.byteLength(coverage.text)).toBeLessThan(1000);
    // Per control without the contributors it fits easily.
    const verdicts = await api.graphql(CoverageVerdicts, {}, customer);
    report('coverage verdicts and counts', Buffer.byteLength(verdicts.text));
    expect(dataOf(verdicts).coverage.controls).toHaveLength(121);
  }, 120_000);

  it('refuses the unpaged clause view of such a stack RESPONSE_TOO_LARGE, never a response past the limit', async () => {
    const all = await api.graphql(AllGrouped, {}, customer);
    report('inheritedObligations clauses (unpaged)', Buffer.byteLength(all.text));
    expect(all.status).toBe(400);
    expect(firstError(all).extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(Buffer.byteLength(all.text)).toBeLessThan(1000);
  }, 120_000);
});
