import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { applyResponsibilityChanges } from '../../../src/domain/contracts/changes';
import { diffContracts } from '../../../src/domain/contracts/diff';
import { templateResponsibilities } from '../../../src/domain/contracts/template';

const catalogue = new Catalogue();
const sequence = (prefix: string) => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};

describe('the difference between two contract versions', () => {
  const v1 = templateResponsibilities(catalogue, 'PAAS', sequence('v1'));
  const at = (controlId: string) => v1.find((r) => r.controlId === controlId)!;
  const networkObligation = at('13.1.1').customerObligations[0]!;
  const v2 = applyResponsibilityChanges(
    v1,
    [
      // User registration moves wholly to the customer; malware protection becomes shared.
      { controlId: '9.2.1', ownership: 'CUSTOMER', providerStatement: null, customerObligations: [{ text: 'Register and remove your own users.' }] },
      { controlId: '12.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Scan the packages you deploy.' }] },
      {
        controlId: '13.1.1',
        ownership: 'SHARED',
        customerObligations: [{ id: networkObligation.id, text: 'Restrict inbound traffic to your application.', unlocksProvided: true }],
      },
      { controlId: '11.1.1', ownership: 'PROVIDER', evidence: [{ kind: 'ATTESTATION_REPORT', title: 'SOC 2 Type II', url: 'https://trust.example.com/soc2' }] },
    ],
    catalogue,
    sequence('v2'),
  );

  it('lists only the controls that changed, with what changed on each', () => {
    const diff = diffContracts(v1, v2);
    expect(diff.controls.map((d) => d.controlId)).toEqual(['9.2.1', '11.1.1', '12.2.1', '13.1.1']);
    const [users, perimeter, malware, network] = diff.controls;
    expect(users).toMatchObject({
      change: 'CHANGED',
      ownershipChanged: { from: 'SHARED', to: 'CUSTOMER', shift: 'TOWARD_CUSTOMER' },
      providerStatementChanged: true,
      obligationsAdded: [{ id: 'v2-1', text: 'Register and remove your own users.' }],
      obligationsRemoved: [at('9.2.1').customerObligations[0]],
    });
    expect(perimeter).toMatchObject({ ownershipChanged: null, evidenceChanged: true, providerStatementChanged: false, obligationsAdded: [] });
    expect(malware).toMatchObject({
      ownershipChanged: { from: 'PROVIDER', to: 'SHARED', shift: 'TOWARD_CUSTOMER' },
      obligationsAdded: [{ text: 'Scan the packages you deploy.', unlocksProvided: true }],
    });
    expect(network).toMatchObject({
      ownershipChanged: null,
      obligationsAdded: [],
      obligationsRemoved: [],
      obligationsChanged: [{ id: networkObligation.id, fromText: networkObligation.text, toText: 'Restrict inbound traffic to your application.' }],
    });
    expect(diff.summary).toEqual({
      controls: 4,
      controlsAdded: 0,
      controlsRemoved: 0,
      ownershipChanges: 2,
      movedTowardCustomer: 2,
      movedTowardProvider: 0,
      outsourced: 0,
      insourced: 0,
      obligationsAdded: 2,
      obligationsRemoved: 1,
      obligationsChanged: 1,
    });
  });

  it('counts a control handed to an upstream as outsourced, not as moved toward the customer', () => {
    const from = v1;
    const to = applyResponsibilityChanges(
      v1,
      [{ controlId: '11.1.1', ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'svc-iaas', providerStatement: 'Our IaaS runs the data centres.' }],
      catalogue,
      sequence('v3'),
    );
    const { summary, controls } = diffContracts(from, to);
    expect(controls.map((c) => c.ownershipChanged)).toEqual([{ from: 'PROVIDER', to: 'PROVIDER_VIA_UPSTREAM', shift: 'OUTSOURCED' }]);
    expect(summary).toMatchObject({ ownershipChanges: 1, movedTowardCustomer: 0, movedTowardProvider: 0, outsourced: 1, insourced: 0 });
    expect(diffContracts(to, from).summary).toMatchObject({ outsourced: 0, insourced: 1 });
  });

  it('is empty between identical versions', () => {
    expect(diffContracts(v1, structuredClone(v1))).toEqual({ controls: [], summary: expect.objectContaining({ controls: 0 }) });
  });

  it('counts controls present on one side only as added or removed, in catalogue order', () => {
    const partial = v1.filter((r) => r.controlId !== '5.1.2' && r.controlId !== '18.2.3');
    const removed = diffContracts(v1, partial);
    expect(removed.controls.map((d) => [d.controlId, d.change])).toEqual([
      ['5.1.2', 'REMOVED'],
      ['18.2.3', 'REMOVED'],
    ]);
    expect(removed.controls[0]!.obligationsRemoved).toEqual(at('5.1.2').customerObligations);
    const added = diffContracts(partial, v1);
    expect(added.controls.map((d) => [d.controlId, d.change])).toEqual([
      ['5.1.2', 'ADDED'],
      ['18.2.3', 'ADDED'],
    ]);
    expect(added.controls[0]!.ownershipChanged).toEqual({ from: null, to: 'SHARED', shift: 'NOT_COMPARABLE' });
    expect(added.summary).toMatchObject({ controlsAdded: 2, obligationsAdded: 2, ownershipChanges: 0 });
  });
});
