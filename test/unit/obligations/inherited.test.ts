import { filterInheritedObligations, groupInheritedObligations, inheritedObligations } from '../../../src/domain/obligations/inherited';
import { catalogue, entry, line, record, template, threeLayerStack, version } from './fixtures';

describe('the obligations a customer inherits from its stack', () => {
  const { iaas, saas, stack } = threeLayerStack();
  const all = inheritedObligations(catalogue, stack, []);

  it('lists every obligation of every subscribed contract, each attributed to its service, subscription, version and control', () => {
    const expected = stack.reduce((n, e) => n + e.contract.responsibilities.reduce((m, r) => m + r.customerObligations.length, 0), 0);
    expect(all).toHaveLength(expected);
    const backup = all.filter((o) => o.controlId === '12.3.1');
    expect(backup.map((o) => o.serviceId)).toEqual(['svc-iaas', 'svc-paas', 'svc-saas']);
    const obligation = line(saas.responsibilities, '12.3.1').customerObligations[0]!;
    expect(backup[2]).toEqual({
      // The stack entry's own service object, and the obligation's id and text, as plain fields.
      service: stack[2]!.service,
      id: obligation.id,
      text: obligation.text,
      serviceId: 'svc-saas',
      serviceName: 'Mail',
      providerOrganizationId: 'org-svc-saas',
      subscriptionId: 'sub-svc-saas',
      contractVersion: 1,
      controlId: '12.3.1',
      clauseNumber: '12',
      ownership: 'SHARED',
      obligation,
      lineIndex: 0,
      status: 'NOT_STARTED',
      tracking: null,
      textChangedSinceRecorded: false,
    });
  });

  it('comes in catalogue order of the controls, then in the order of the stack', () => {
    const order = new Map(catalogue.controls.map((c, i) => [c.id, i]));
    const ranks = all.map((o) => order.get(o.controlId)!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Nothing is asked of the customer on physical security: every layer's provider does it.
    expect(all.some((o) => o.controlId === '11.1.1')).toBe(false);
  });

  it('filters by clause, service, ownership and tracking status together', () => {
    const backupId = line(iaas.responsibilities, '12.3.1').customerObligations[0]!.id;
    const tracked = inheritedObligations(catalogue, stack, [record('svc-iaas', backupId, 'IMPLEMENTED', 'x')]);
    const open = filterInheritedObligations(tracked, { clause: '12', serviceIds: ['svc-iaas'], ownership: ['CUSTOMER'], status: ['NOT_STARTED', 'PLANNED'] });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((o) => o.clauseNumber === '12' && o.serviceId === 'svc-iaas' && o.ownership === 'CUSTOMER' && o.status === 'NOT_STARTED')).toBe(true);
    expect(open.map((o) => o.obligation.id)).not.toContain(backupId);
    // Empty lists filter nothing, like a missing criterion.
    expect(filterInheritedObligations(tracked, { serviceIds: [], ownership: [], status: [] })).toHaveLength(tracked.length);
  });

  it('groups by clause then control, with counts per status', () => {
    const single = [entry('svc-iaas', version('svc-iaas', 1, template('IAAS', 'i')))];
    const obligations = inheritedObligations(catalogue, single, []);
    const first = obligations.find((o) => o.controlId === '12.3.1')!;
    const groups = groupInheritedObligations(
      catalogue,
      inheritedObligations(catalogue, single, [record('svc-iaas', first.obligation.id, 'PLANNED', first.obligation.text)]),
    );
    expect(groups.map((g) => g.clauseNumber)).toEqual(catalogue.clauses.map((c) => c.number).filter((n) => obligations.some((o) => o.clauseNumber === n)));
    const operations = groups.find((g) => g.clauseNumber === '12')!;
    const backup = operations.controls.find((c) => c.controlId === '12.3.1')!;
    expect(backup).toMatchObject({
      title: 'Information backup',
      counts: { total: 1, byStatus: { NOT_STARTED: 0, PLANNED: 1, IMPLEMENTED: 0, NOT_APPLICABLE: 0 } },
    });
    const clauseTotal = operations.controls.reduce((n, c) => n + c.obligations.length, 0);
    expect(operations.counts).toEqual({ total: clauseTotal, byStatus: { NOT_STARTED: clauseTotal - 1, PLANNED: 1, IMPLEMENTED: 0, NOT_APPLICABLE: 0 } });
  });
});
