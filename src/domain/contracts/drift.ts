import { excerpt } from '../text';
import { compositeKey } from '../compositeKey';
import { relaysOf, upstreamHandlingsOf, type Responsibility } from './responsibility';
import { upstreamDuties, type UpstreamContract } from './supplyChain';

// Upstream drift: a published contract is immutable, but its upstreams keep publishing. Once an
// upstream's current version asks something the downstream version does not account for, drops an
// obligation the downstream still answers for, or rewords one the downstream relays, the downstream
// contract is stale: its provider must publish again, and its customers should know which controls.

export const DRIFT_KINDS = [
  /** The upstream now asks something on the control that the downstream version does not account for. */
  'NEW_UPSTREAM_OBLIGATION',
  /** The downstream version accounts for an upstream obligation that the upstream no longer has there. */
  'WITHDRAWN_UPSTREAM_OBLIGATION',
  /** The downstream relays an upstream obligation whose wording has changed since. */
  'REWORDED_UPSTREAM_OBLIGATION',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** An upstream's current contract, with the version it is and when it was published. */
export interface UpstreamVersion extends UpstreamContract {
  readonly version: number;
  readonly publishedAt: string;
}

export interface DriftItem {
  readonly controlId: string;
  readonly kind: DriftKind;
  readonly upstreamServiceId: string;
  readonly upstreamVersion: number;
  /** When the upstream version showing the drift was published: the drift exists at the latest since then. */
  readonly upstreamPublishedAt: string;
  readonly obligationId: string;
  /** The upstream's current wording; null for a withdrawn obligation. */
  readonly upstreamText: string | null;
  /** In words a customer or provider reads, e.g. "Stratus v2 asks something on 11.2.1 that Cirrus v1 does not account for". */
  readonly message: string;
}

export interface DownstreamVersion {
  readonly serviceName: string;
  readonly version: number;
  readonly responsibilities: readonly Responsibility[];
}

/** Everything the upstreams' current versions ask or say that `downstream` no longer matches, in the downstream's line order. */
export function contractDrift(downstream: DownstreamVersion, upstreams: readonly UpstreamVersion[]): DriftItem[] {
  const duties = upstreamDuties(upstreams);
  const byId = new Map(upstreams.map((u) => [u.serviceId, u]));
  const items: DriftItem[] = [];
  const ours = `${downstream.serviceName} v${downstream.version}`;
  for (const line of downstream.responsibilities) {
    if (line.ownership === 'NOT_APPLICABLE') continue; // its justification covers anything asked upstream
    const onControl = duties.get(line.controlId) ?? [];
    const handled = new Set(upstreamHandlingsOf(line).map((h) => compositeKey(h.upstreamServiceId, h.obligationId)));
    const at = (u: UpstreamVersion, kind: DriftKind, obligationId: string, upstreamText: string | null, message: string) =>
      items.push({
        controlId: line.controlId,
        kind,
        upstreamServiceId: u.serviceId,
        upstreamVersion: u.version,
        upstreamPublishedAt: u.publishedAt,
        obligationId,
        upstreamText,
        message,
      });
    for (const duty of onControl) {
      if (handled.has(compositeKey(duty.upstreamServiceId, duty.obligation.id))) continue;
      const u = byId.get(duty.upstreamServiceId)!;
      at(
        u,
        'NEW_UPSTREAM_OBLIGATION',
        duty.obligation.id,
        duty.obligation.text,
        `${u.serviceName} v${u.version} asks something on ${line.controlId} that ${ours} does not account for: "${excerpt(duty.obligation.text)}"`,
      );
    }
    const current = new Map(onControl.map((d) => [compositeKey(d.upstreamServiceId, d.obligation.id), d.obligation]));
    for (const h of upstreamHandlingsOf(line)) {
      const u = byId.get(h.upstreamServiceId);
      if (!u || current.has(compositeKey(h.upstreamServiceId, h.obligationId))) continue;
      at(
        u,
        'WITHDRAWN_UPSTREAM_OBLIGATION',
        h.obligationId,
        null,
        `${ours} answers for obligation ${h.obligationId} of ${u.serviceName} on ${line.controlId}, which ${u.serviceName} v${u.version} no longer asks`,
      );
    }
    for (const relay of line.customerObligations.flatMap(relaysOf)) {
      const u = byId.get(relay.upstreamServiceId);
      const now = current.get(compositeKey(relay.upstreamServiceId, relay.obligationId));
      if (!u || !now || now.text === relay.text) continue;
      at(
        u,
        'REWORDED_UPSTREAM_OBLIGATION',
        relay.obligationId,
        now.text,
        `${u.serviceName} v${u.version} reworded an obligation on ${line.controlId} that ${ours} relays: it now reads "${excerpt(now.text)}"`,
      );
    }
  }
  return items;
}
