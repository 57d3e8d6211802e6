import { DEMO_IDENTITIES } from './demo';
import type { InProcessApi } from './inProcessApi';
import type { Identity } from './tokens';

// A month of monitoring for the demo: Nimbus's own monitor and Globex's report watched periods,
// downtime and incidents for Nimbus Virtual Machines, each tier, over the last 30 days. They
// disagree a little (Globex saw the outages start earlier and end later), and one security incident
// was notified to customers 30 hours after detection (the contract says 24). Through the API, in
// batches of at most 500 items; item ids are fixed per seed run, and a second run finds the first
// run's incident and adds nothing.

const HOUR = 3_600_000;
const BATCH = 500;
const MARKER = 'incident-security-1';
const iso = (t: number) => new Date(t).toISOString();

type Item = Record<string, unknown>;

/** One source's 30 days for one tier: 6-hour watched periods, outages (shifted by `skew` minutes each side), incidents. */
function items(anchor: number, tier: string, skew: number, withIncidents: boolean): Item[] {
  const start = anchor - 30 * 24 * HOUR;
  const out: Item[] = [];
  for (let t = start; t < anchor; t += 6 * HOUR)
    out.push({ id: `watch-${iso(t)}`, revision: 0, watched: { start: iso(t), end: iso(Math.min(anchor, t + 6 * HOUR)) } });
  const minutes = (m: number) => m * 60_000;
  const outage = (id: string, at: number, length: number) => ({
    id,
    revision: 0,
    downtime: { start: iso(at - minutes(skew)), end: iso(at + minutes(length + skew)), cause: 'OUTAGE' },
  });
  // Multi-zone: one 12-minute outage; single zone: a 50-minute one as well (over its 99.9 % budget).
  out.push(outage('outage-1', anchor - 26 * HOUR, 12));
  if (tier === 'single-zone') out.push(outage('outage-2', anchor - 50 * HOUR, 50));
  out.push({
    id: 'maintenance-1',
    revision: 0,
    downtime: { start: iso(anchor - 74 * HOUR), end: iso(anchor - 73 * HOUR), cause: 'SCHEDULED_MAINTENANCE', announcedAt: iso(anchor - 20 * 24 * HOUR) },
  });
  if (withIncidents) {
    const detected = anchor - 26 * HOUR;
    out.push(
      {
        id: 'incident-outage-1',
        revision: 0,
        incident: {
          severity: 'SEV1',
          title: 'Instances unreachable in one zone',
          detectedAt: iso(detected),
          firstResponseAt: iso(detected + minutes(10)),
          resolvedAt: iso(detected + minutes(12)),
          securityRelevant: false,
        },
      },
      {
        id: MARKER,
        revision: 0,
        incident: {
          severity: 'SEV2',
          title: 'Credentials exposed in a support bundle',
          detectedAt: iso(anchor - 60 * HOUR),
          firstResponseAt: iso(anchor - 59.5 * HOUR),
          customerNotifiedAt: iso(anchor - 30 * HOUR),
          resolvedAt: iso(anchor - 28 * HOUR),
          securityRelevant: true,
        },
      },
    );
  }
  return out;
}

export async function seedMonitoring(
  api: InProcessApi,
  serviceId: string,
  call: (api: InProcessApi, as: Identity, query: string, variables: Record<string, unknown>) => Promise<any>,
): Promise<'created' | 'existing'> {
  const nimbus = DEMO_IDENTITIES.providerMonitor!;
  const globex = DEMO_IDENTITIES.monitor!;
  const { cloudService } = await call(
    api,
    nimbus,
    'query($id: ID!, $item: String!) { cloudService(id: $id) { monitoringItem(id: $item, scope: { tier: "multi-zone" }) { id } } }',
    {
      id: serviceId,
      item: MARKER,
    },
  );
  if (cloudService.monitoringItem) return 'existing';
  const anchor = Math.floor(Date.now() / HOUR) * HOUR;
  for (const tier of ['multi-zone', 'single-zone']) {
    for (const [as, skew] of [
      [nimbus, 0],
      [globex, 3],
    ] as const) {
      const all = items(anchor, tier, skew, as === nimbus && tier === 'multi-zone');
      for (let i = 0; i < all.length; i += BATCH)
        await call(api, as, 'mutation($input: MonitoringBatchInput!) { reportMonitoring(input: $input) { created } }', {
          input: { serviceId, scope: { tier }, items: all.slice(i, i + BATCH) },
        });
    }
  }
  return 'created';
}
