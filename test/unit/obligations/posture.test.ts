import { inheritedObligations } from '../../../src/domain/obligations/inherited';
import { posture, postureSummary } from '../../../src/domain/obligations/posture';
import { catalogue, entry, line, record, template, version } from './fixtures';

describe("a customer's compliance posture", () => {
  it('counts each status and the share implemented, leaving NOT_APPLICABLE out of the denominator', () => {
    const statuses = ['IMPLEMENTED', 'IMPLEMENTED', 'PLANNED', 'NOT_STARTED', 'NOT_APPLICABLE'] as const;
    expect(posture(statuses.map((status) => ({ status })))).toEqual({
      total: 5,
      byStatus: { NOT_STARTED: 1, PLANNED: 1, IMPLEMENTED: 2, NOT_APPLICABLE: 1 },
      implementedShare: 0.5,
    });
  });

  it('gives no share when nothing applies, rather than 0 % or 100 %', () => {
    expect(posture([]).implementedShare).toBeNull();
    expect(posture([{ status: 'NOT_APPLICABLE' }]).implementedShare).toBeNull();
  });

  it('summarises the stack overall and clause by clause', () => {
    const iaas = version('svc-iaas', 1, template('IAAS', 'i'));
    const backup = line(iaas.responsibilities, '12.3.1').customerObligations[0]!;
    const obligations = inheritedObligations(catalogue, [entry('svc-iaas', iaas)], [record('svc-iaas', backup.id, 'IMPLEMENTED', backup.text)]);
    const summary = postureSummary(catalogue, obligations);
    expect(summary.overall.total).toBe(obligations.length);
    expect(summary.overall.implementedShare).toBeCloseTo(1 / obligations.length);
    expect(summary.byClause.map((c) => c.clauseNumber)).toEqual(catalogue.clauses.map((c) => c.number));
    const operations = summary.byClause.find((c) => c.clauseNumber === '12')!;
    expect(operations.posture.byStatus.IMPLEMENTED).toBe(1);
    expect(operations.posture.implementedShare).toBeCloseTo(1 / operations.posture.total);
    expect(summary.byClause.reduce((n, c) => n + c.posture.total, 0)).toBe(obligations.length);
  });
});
