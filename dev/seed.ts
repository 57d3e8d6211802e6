import { auditEvent } from '../src/domain/audit/event';
import type { Caller } from '../src/domain/identity/caller';
import { ErrorCode, OnusError } from '../src/domain/errors';
import type { Store } from '../src/store/store';
import { DEMO_ORGANIZATIONS } from './demo';

/** Seeding is a platform operation like any other: audited, and written through the store. */
export const SEED_CALLER: Caller = { subject: 'onus|seed', organizationId: null, roles: new Set(['PLATFORM_ADMIN']), name: 'Demo seed', email: null };

export interface SeedReport {
  created: string[];
  existing: string[];
}

/** Loads the demo data; running it again changes nothing. */
export async function seedDemoData(store: Store, progress: (line: string) => void = () => undefined): Promise<SeedReport> {
  const report: SeedReport = { created: [], existing: [] };
  for (const org of DEMO_ORGANIZATIONS) {
    const organization = { ...org, createdAt: new Date().toISOString() };
    const event = auditEvent(SEED_CALLER, 'organization.create', { type: 'Organization', id: org.id, organizationId: org.id }, `created organization "${org.name}" (demo seed)`);
    try {
      await store.transact([{ Put: store.organizations.putItem(organization) }, { Put: store.audit.putItem(event) }], `Organization ${org.id} exists`);
      report.created.push(`organization ${org.name}`);
    } catch (error) {
      if (!(error instanceof OnusError && error.code === ErrorCode.CONFLICT)) throw error;
      report.existing.push(`organization ${org.name}`);
    }
    progress(`  organization ${org.name}`);
  }
  return report;
}
