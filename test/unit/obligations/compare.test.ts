import { compareServices, type ComparisonCandidate } from '../../../src/domain/obligations/compare';
import type { ServiceModel } from '../../../src/domain/services/service';
import { catalogue, template, version } from './fixtures';
import { badInputPaths } from '../../helpers/problems';

const candidate = (id: string, model: ServiceModel, published = true): ComparisonCandidate => ({
  service: {
    id,
    name: `Service ${id}`,
    providerOrganizationId: `org-${id}`,
    serviceModel: model,
    certifications: [
      { kind: 'ISO_27017', issuer: 'BSI', name: null, expiresOn: '2027-03-31' },
      { kind: 'SOC2_TYPE2', issuer: 'Schellman', name: null, expiresOn: '2026-01-31' },
    ],
  },
  contract: published ? version(id, 1, template(model, id)) : null,
});

describe('comparing candidate services for procurement', () => {
  const result = compareServices(catalogue, [candidate('vm', 'IAAS'), candidate('app', 'PAAS'), candidate('mail', 'SAAS')], '2026-11-15');

  it('shows how much each leaves to the customer, by clause and by ownership', () => {
    const [vm, app, mail] = result.services;
    expect(vm!.burden.totalObligations).toBeGreaterThan(app!.burden.totalObligations);
    expect(app!.burden.totalObligations).toBeGreaterThan(mail!.burden.totalObligations);
    for (const s of result.services) {
      expect(s.burden.byClause.map((c) => c.clauseNumber)).toEqual(catalogue.clauses.map((c) => c.number));
      expect(s.burden.byClause.reduce((n, c) => n + c.obligations, 0)).toBe(s.burden.totalObligations);
      expect(Object.values(s.burden.byOwnership).reduce((a, b) => a + b, 0)).toBe(s.burden.totalObligations);
      expect(s.burden.byOwnership.PROVIDER).toBe(0);
    }
    expect(vm!.burden.byOwnership.CUSTOMER_CONFIGURED).toBeGreaterThan(0);
    expect(mail!.burden.byOwnership.CUSTOMER_CONFIGURED).toBe(0);
  });

  it("lists the controls on which the candidates differ, with each one's ownership", () => {
    const ids = result.differences.map((d) => d.controlId);
    expect(ids).toContain('12.2.1');
    expect(ids).not.toContain('11.1.1');
    expect(ids).not.toContain('8.2.1');
    expect(result.differences.find((d) => d.controlId === '12.2.1')!.ownership).toEqual([
      { serviceId: 'vm', ownership: 'CUSTOMER' },
      { serviceId: 'app', ownership: 'PROVIDER' },
      { serviceId: 'mail', ownership: 'PROVIDER' },
    ]);
  });

  it('flags which certifications are current on the day, and has no SLA figures yet', () => {
    expect(result.services[0]!.certifications.map((c) => [c.kind, c.current])).toEqual([
      ['ISO_27017', true],
      ['SOC2_TYPE2', false],
    ]);
    expect(result.services.map((s) => [s.serviceModel, s.contractVersion, s.sla])).toEqual([
      ['IAAS', 1, null],
      ['PAAS', 1, null],
      ['SAAS', 1, null],
    ]);
  });

  it('refuses one service, six services, a service named twice, and one without a contract', () => {
    expect(badInputPaths(() => compareServices(catalogue, [candidate('vm', 'IAAS')], '2026-11-15'))).toEqual(['serviceIds']);
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => candidate(id, 'SAAS'));
    expect(badInputPaths(() => compareServices(catalogue, six, '2026-11-15'))).toEqual(['serviceIds']);
    expect(
      badInputPaths(() => compareServices(catalogue, [candidate('vm', 'IAAS'), candidate('vm', 'IAAS'), candidate('new', 'SAAS', false)], '2026-11-15')),
    ).toEqual(['serviceIds[1]', 'serviceIds[2]']);
  });
});
