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
