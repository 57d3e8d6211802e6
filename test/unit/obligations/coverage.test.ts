import type { Responsibility } from '../../../src/domain/contracts/responsibility';
import { coverageVerdict, stackCoverage } from '../../../src/domain/obligations/coverage';
import { catalogue, edit, entry, line, record, threeLayerStack, version } from './fixtures';

const naJustified = { ownership: 'NOT_APPLICABLE' as const, providerStatement: null, customerObligations: null, justification: 'No such facility.' };

describe("coverage of every control across the customer's stack", () => {
  const { iaas, paas, saas, stack } = threeLayerStack();
  const coverage = stackCoverage(catalogue, stack, []);
  const of = (controlId: string) => coverage.controls.find((c) => c.controlId === controlId)!;

  it('has one verdict per catalogue control, with totals that add up', () => {
    expect(coverage.controls.map((c) => c.controlId)).toEqual(catalogue.controls.map((c) => c.id));
    expect(Object.values(coverage.totals).reduce((a, b) => a + b, 0)).toBe(121);
  });

  it("drops physical security from the customer's list: every layer's provider performs it", () => {
    expect(of('11.1.1')).toMatchObject({ verdict: 'FULLY_INHERITED', obligations: 0, openObligations: 0 });
    expect(of('11.1.1').contributors.map((c) => [c.serviceId, c.ownership])).toEqual([
      ['svc-iaas', 'PROVIDER'],
      ['svc-paas', 'PROVIDER'],
      ['svc-saas', 'PROVIDER'],
    ]);
  });

  it('leaves a control wholly with the customer when every service says CUSTOMER, and shares backup once the SaaS performs it', () => {
    // 8.2.1 classification of information is data-layer: the customer's in every model.
    expect(of('8.2.1')).toMatchObject({ verdict: 'CUSTOMER_ONLY', obligations: 3, openObligations: 3 });
    // In a SaaS only the provider reaches the storage: it backs up, the customer checks retention.
    expect(of('12.3.1').contributors.map((c) => c.ownership)).toEqual(['CUSTOMER', 'CUSTOMER', 'SHARED']);
    expect(of('12.3.1')).toMatchObject({ verdict: 'SHARED', obligations: 3 });
  });

  it('makes a control SHARED as soon as one line is SHARED', () => {
    expect(of('5.1.1').verdict).toBe('SHARED');
    expect(of('13.1.1').contributors.map((c) => c.ownership)).toEqual(['CUSTOMER_CONFIGURED', 'SHARED', 'PROVIDER']);
    expect(of('13.1.1').verdict).toBe('SHARED');
  });

  it('counts as open only obligations not yet IMPLEMENTED or NOT_APPLICABLE', () => {
    const ids = (v: typeof iaas) => line(v.responsibilities, '12.3.1').customerObligations[0]!;
    const records = [
      record('svc-iaas', ids(iaas).id, 'IMPLEMENTED', ids(iaas).text),
      record('svc-paas', ids(paas).id, 'NOT_APPLICABLE', ids(paas).text),
      record('svc-saas', ids(saas).id, 'PLANNED', ids(saas).text),
    ];
    const backup = stackCoverage(catalogue, stack, records).controls.find((c) => c.controlId === '12.3.1')!;
    expect(backup).toMatchObject({ obligations: 3, openObligations: 1 });
    expect(backup.contributors.map((c) => c.openObligations)).toEqual([0, 0, 1]);
  });

  it('shows a customer with no subscriptions every control as its own', () => {
    const empty = stackCoverage(catalogue, [], []);
    expect(empty.controls.every((c) => c.verdict === 'CUSTOMER_ONLY' && c.contributors.length === 0)).toBe(true);
    expect(empty.totals).toEqual({ FULLY_INHERITED: 0, SHARED: 0, CUSTOMER_CONFIGURED: 0, CUSTOMER_ONLY: 121, NOT_APPLICABLE: 0 });
  });

  it('ignores a NOT_APPLICABLE line next to others, and is NOT_APPLICABLE only when every service says so', () => {
    const iaasNa = version('svc-iaas', 2, edit(iaas.responsibilities, [{ controlId: '11.1.1', ...naJustified }]));
    const mixed = stackCoverage(catalogue, [entry('svc-iaas', iaasNa), stack[2]!], []);
    expect(mixed.controls.find((c) => c.controlId === '11.1.1')!.verdict).toBe('FULLY_INHERITED');
    const onlyNa = stackCoverage(catalogue, [entry('svc-iaas', iaasNa)], []);
    expect(onlyNa.controls.find((c) => c.controlId === '11.1.1')!.verdict).toBe('NOT_APPLICABLE');
  });

  it('is CUSTOMER_CONFIGURED when the customer only configures what an implemented provider offers', () => {
    // Network security: the IaaS offers it for the customer to configure, the SaaS runs it.
    const iaasAndSaas = stackCoverage(catalogue, [stack[0]!, stack[2]!], []);
    expect(iaasAndSaas.controls.find((c) => c.controlId === '13.1.1')!.verdict).toBe('CUSTOMER_CONFIGURED');
  });

  it('does not count a provider line as inherited while its implementation is only PARTIAL or PLANNED', () => {
    const saasPartial = version('svc-saas', 2, edit(saas.responsibilities, [{ controlId: '11.1.1', ownership: 'PROVIDER', status: 'PARTIAL' }]));
    const partial = stackCoverage(catalogue, [stack[0]!, entry('svc-saas', saasPartial)], []);
    expect(partial.controls.find((c) => c.controlId === '11.1.1')!.verdict).toBe('SHARED');
  });

  it('decides mixtures in a documented order', () => {
    const l = (ownership: Responsibility['ownership'], extra: Partial<Responsibility> = {}) => ({
      ownership,
      status: 'IMPLEMENTED' as const,
      customerObligations:
        ownership === 'SHARED' || ownership === 'CUSTOMER' || ownership === 'CUSTOMER_CONFIGURED' ? [{ id: 'o', text: 'Do it.', unlocksProvided: true }] : [],
      ...extra,
    });
    expect(coverageVerdict([])).toBe('CUSTOMER_ONLY');
    expect(coverageVerdict([l('NOT_APPLICABLE'), l('CUSTOMER')])).toBe('CUSTOMER_ONLY');
    expect(coverageVerdict([l('PROVIDER_VIA_UPSTREAM'), l('PROVIDER')])).toBe('FULLY_INHERITED');
    expect(coverageVerdict([l('CUSTOMER_CONFIGURED'), l('CUSTOMER_CONFIGURED')])).toBe('CUSTOMER_CONFIGURED');
    expect(coverageVerdict([l('CUSTOMER_CONFIGURED', { status: 'PLANNED' })])).toBe('SHARED');
    expect(coverageVerdict([l('CUSTOMER_CONFIGURED'), l('CUSTOMER')])).toBe('SHARED');
    expect(coverageVerdict([l('PROVIDER'), l('CUSTOMER')])).toBe('SHARED');
    expect(coverageVerdict([l('PROVIDER', { customerObligations: [{ id: 'x', text: 'Stray.', unlocksProvided: true }] })])).toBe('SHARED');
  });
});
