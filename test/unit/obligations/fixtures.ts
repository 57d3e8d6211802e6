import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { applyResponsibilityChanges, type ResponsibilityInput } from '../../../src/domain/contracts/changes';
import type { Responsibility } from '../../../src/domain/contracts/responsibility';
import { templateResponsibilities } from '../../../src/domain/contracts/template';
import type { ContractVersion } from '../../../src/domain/contracts/version';
import type { StackEntry } from '../../../src/domain/obligations/stack';
import type { TrackingRecord, TrackingStatus } from '../../../src/domain/obligations/tracking';
import type { ServiceModel } from '../../../src/domain/services/service';

// Contracts as providers would publish them: the real catalogue, the service-model templates, and
// targeted edits through the same function the API uses.

export const catalogue = new Catalogue();

export const sequence = (prefix: string) => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};

export const template = (model: ServiceModel, prefix: string): Responsibility[] => templateResponsibilities(catalogue, model, sequence(prefix));

export const edit = (lines: readonly Responsibility[], changes: readonly ResponsibilityInput[], prefix = 'edit'): Responsibility[] =>
  applyResponsibilityChanges(lines, changes, catalogue, sequence(prefix));

export const line = (lines: readonly Responsibility[], controlId: string): Responsibility => {
  const found = lines.find((r) => r.controlId === controlId);
  if (!found) throw new Error(`no line for ${controlId}`);
  return found;
};

export const version = (serviceId: string, number: number, responsibilities: readonly Responsibility[]): ContractVersion => ({
  serviceId,
  version: number,
  changeNote: `Version ${number}.`,
  publishedAt: '2026-11-01T00:00:00.000Z',
  publishedBy: 'provider-admin',
  effectiveFrom: '2026-11-01T00:00:00.000Z',
  responsibilities,
});

export const entry = (serviceId: string, contract: ContractVersion, name = serviceId): StackEntry => ({
  subscription: { id: `sub-${serviceId}`, serviceId },
  service: { id: serviceId, name, providerOrganizationId: `org-${serviceId}` },
  contract,
});

export const record = (
  serviceId: string,
  obligationId: string,
  status: TrackingStatus,
  recordedText: string,
  extra: Partial<TrackingRecord> = {},
): TrackingRecord => ({
  serviceId,
  obligationId,
  status,
  reason: status === 'NOT_APPLICABLE' ? 'Not used by us.' : null,
  owner: 'Platform team',
  evidence: [],
  notes: null,
  recordedText,
  updatedAt: '2026-11-02T00:00:00.000Z',
  updatedBy: 'customer-admin',
  ...extra,
});

/** A three-layer stack from the templates: a compute IaaS, a PaaS on it, a SaaS on the PaaS. */
export function threeLayerStack() {
  const iaas = version('svc-iaas', 1, template('IAAS', 'iaas'));
  const paas = version('svc-paas', 1, template('PAAS', 'paas'));
  const saas = version('svc-saas', 1, template('SAAS', 'saas'));
  return { iaas, paas, saas, stack: [entry('svc-iaas', iaas, 'Compute'), entry('svc-paas', paas, 'App Platform'), entry('svc-saas', saas, 'Mail')] };
}

/**
 * A SaaS contract whose first 30 controls each put 20 obligations of 2,000 characters on the customer,
 * and a status on each of them with every text field at its limit: pages of these end at their byte budget.
 */
export function longTextService(serviceId = 'svc-long') {
  const long = 'x'.repeat(2000);
  const lines = edit(
    template('SAAS', 'l'),
    catalogue.controls.slice(0, 30).map((c) => ({
      controlId: c.id,
      ownership: 'CUSTOMER' as const,
      customerObligations: Array.from({ length: 20 }, (_, i) => ({ text: `${i} ${long}`.slice(0, 2000) })),
    })),
  );
  const stack = [entry(serviceId, version(serviceId, 1, lines))];
  const fullRecord = (obligationId: string, text: string): TrackingRecord => ({
    ...record(serviceId, obligationId, 'NOT_APPLICABLE', text),
    reason: 'r'.repeat(2000),
    notes: 'n'.repeat(4000),
    owner: 'o'.repeat(200),
    evidence: Array.from({ length: 10 }, () => ({ title: 't'.repeat(200), url: `https://e.example/${'u'.repeat(1970)}` })),
  });
  return { stack, fullRecord };
}
