// Every key Onus writes, in one place. Single-table layout (see infra/table.json):
//
//   entity            pk                    sk              gsi1pk / gsi1sk                gsi2pk / gsi2sk
//   organization      ORG#<id>              ORG             ORGS / <name>#<id>
//   cloud service     SVC#<id>              SVC             PROVIDER#<org> / <name>#<id>   SERVICES / <name>#<id>
//   contract draft    SVC#<id>              DRAFT           (body chunks 1..n: DRAFT#P#01…)
//   contract version  SVC#<id>              V#000001        (body chunks 1..n: V#000001#P#01…)
//   version summary   SVC#<id>              VS#000001       (number, note, when, who: lists versions cheaply)
//   audit event       AUDIT#<type>#<id>     <at>#<eventId>  AUDITORG#<org> / <at>#<eventId>
//   subscription      CUST#<org>            SUB#<service>   SUBSCRIBERS#<service> / <org>
//   obligation status CUST#<org>            TRACK#<service>#<obligationId>
//   measured interval MON#<service>#<scope>#<YYYY-MM>  SRC#<org>#<start ISO>  (scope: JSON of [region, tier])
//   monitoring item   MONITEM#<service>#<scope>#<org>  ITEM#<client id>  (latest revision and history; TTL expiresAt)
//   monitoring ledger MONLEDGER#<service>#<scope>  M#<YYYY-MM>#<org>#<shard> | OPEN#<org>#<shard>  (what a month report reads; kept for good)
//
// A service's contract lives beside the service in one partition: one Query reads a whole version
// or the draft, and the header item of each holds the first body chunk, so a BatchGetItem of the
// headers of many services' current versions reads them all in one round trip; a version whose body
// spans more items has its chunk count on the service item (attribute chunksV#<n>, contracts.ts), so
// its chunks are asked for in that same round trip. A customer's subscriptions and obligation
// statuses share the customer's partition: one Query reads both, the subscriptions (SUB# sorts before
// TRACK#) always in its first page; past 1 MB the rest is read in parallel ranges cut at TRACK#<service>#
// (partitionSegments.ts). A write of one status or subscription reads only its own items by key.
// Names are lower-cased in sort keys so that lists come back in a human order. A monitoring
// source's reports of one month, service and scope are one Query (begins_with SRC#<org>#), in time
// order; the same source, scope and start is the same item, so a retried report overwrites itself.
export const INDEX = { gsi1: 'gsi1', gsi2: 'gsi2' } as const;

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

export const organizationKey = (id: string): Key => ({ pk: `ORG#${id}`, sk: 'ORG' });
export const ORGANIZATION_LIST = 'ORGS';
export const sortableName = (name: string, id: string) => `${name.toLowerCase()}#${id}`;

export const serviceKey = (id: string): Key => ({ pk: `SVC#${id}`, sk: 'SVC' });
export const SERVICE_LIST = 'SERVICES';
export const providerServices = (organizationId: string) => `PROVIDER#${organizationId}`;

export const draftKey = (serviceId: string): Key => ({ pk: `SVC#${serviceId}`, sk: 'DRAFT' });
export const versionSk = (version: number) => `V#${String(version).padStart(6, '0')}`;
export const versionKey = (serviceId: string, version: number): Key => ({ pk: `SVC#${serviceId}`, sk: versionSk(version) });
export const versionSummaryKey = (serviceId: string, version: number): Key => ({ pk: `SVC#${serviceId}`, sk: `VS#${String(version).padStart(6, '0')}` });
/** Body chunk n (n >= 1) of a draft or version whose header is `header`. */
export const chunkKey = (header: Key, n: number): Key => ({ pk: header.pk, sk: `${header.sk}#P#${String(n).padStart(2, '0')}` });

export const customerPk = (organizationId: string) => `CUST#${organizationId}`;
export const subscriptionKey = (organizationId: string, serviceId: string): Key => ({ pk: customerPk(organizationId), sk: `SUB#${serviceId}` });
export const subscribersOf = (serviceId: string) => `SUBSCRIBERS#${serviceId}`;
export const trackingKey = (organizationId: string, serviceId: string, obligationId: string): Key => ({
  pk: customerPk(organizationId),
  sk: `TRACK#${serviceId}#${obligationId}`,
});

/** A month of measured intervals of one service and scope; each source's are the sort keys under SRC#<org>#. */
export const monitoringPk = (serviceId: string, scope: { readonly region: string | null; readonly tier: string | null }, month: string) =>
  `MON#${serviceId}#${JSON.stringify([scope.region, scope.tier])}#${month}`;
export const monitoringSourcePrefix = (organizationId: string) => `SRC#${organizationId}#`;
export const measuredIntervalKey = (
  serviceId: string,
  scope: { readonly region: string | null; readonly tier: string | null },
  month: string,
  organizationId: string,
  start: string,
): Key => ({
  pk: monitoringPk(serviceId, scope, month),
  sk: `${monitoringSourcePrefix(organizationId)}${start}`,
});

/** A monitoring client's item (reportMonitoring), by the client's id within service, scope and source. */
export const monitoringItemKey = (
  serviceId: string,
  scope: { readonly region: string | null; readonly tier: string | null },
  organizationId: string,
  id: string,
): Key => ({
  pk: `MONITEM#${serviceId}#${JSON.stringify([scope.region, scope.tier])}#${organizationId}`,
  sk: `ITEM#${id}`,
});
/** The ledgers of a service and scope: every source's month in one Query (begins_with M#<month>#), the open downtime in another (OPEN#). */
export const monitoringLedgerPk = (serviceId: string, scope: { readonly region: string | null; readonly tier: string | null }) =>
  `MONLEDGER#${serviceId}#${JSON.stringify([scope.region, scope.tier])}`;
export const monitoringLedgerSk = (month: string, organizationId: string, shard: number) =>
  `${month === 'OPEN' ? 'OPEN' : `M#${month}`}#${organizationId}#${String(shard).padStart(2, '0')}`;
