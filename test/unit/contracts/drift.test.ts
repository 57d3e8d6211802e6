import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { applyResponsibilityChanges } from '../../../src/domain/contracts/changes';
import { contractDrift, type UpstreamVersion } from '../../../src/domain/contracts/drift';
import { accountForUpstream, confirmHandlings } from '../../../src/domain/contracts/supplyChain';
import { templateResponsibilities } from '../../../src/domain/contracts/template';

const catalogue = new Catalogue();
const sequence = (prefix: string) => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};
const line = (list: readonly { controlId: string }[], controlId: string) => list.find((r) => r.controlId === controlId)!;

// Stratus v1 accounted for everything Nimbus v1 asked; then Nimbus publishes v2.
const nimbusV1 = templateResponsibilities(catalogue, 'IAAS', sequence('n1'));
const v1: UpstreamVersion = {
  serviceId: 'svc-nimbus',
  serviceName: 'Nimbus VMs',
  version: 1,
  publishedAt: '2026-10-01T00:00:00.000Z',
  responsibilities: nimbusV1,
};
const stratus = {
  serviceName: 'Stratus Apps',
  version: 1,
  responsibilities: confirmHandlings(accountForUpstream(templateResponsibilities(catalogue, 'PAAS', sequence('s')), [v1], sequence('r')), null),
};

describe('upstream drift of a published contract', () => {
  it('is nothing while the upstream has not moved', () => {
    expect(contractDrift(stratus, [v1])).toEqual([]);
  });

  it('names a new upstream obligation, a withdrawn one and a reworded relayed one, with the upstream version and since when', () => {
    const backup = line(nimbusV1, '12.3.1') as (typeof nimbusV1)[number];
    const malware = line(nimbusV1, '12.2.1') as (typeof nimbusV1)[number];
    const nimbusV2 = applyResponsibilityChanges(
      nimbusV1,
      [
        // Reworded, same id: Stratus relays it in the old words.
        {
          controlId: '12.3.1',
          ownership: 'CUSTOMER',
          customerObligations: [{ id: backup.customerObligations[0]!.id, text: 'Copy snapshots of critical volumes to a second region.' }],
        },
        // Withdrawn: the OS is now Nimbus's.
        { controlId: '12.2.1', ownership: 'PROVIDER', providerStatement: 'Nimbus patches and scans the host OS.', customerObligations: null },
        // New: something asked on a control where nothing was.
        { controlId: '11.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Tell Nimbus which racks hold regulated data.' }] },
      ],
      catalogue,
      sequence('n2'),
    );
    const v2: UpstreamVersion = { ...v1, version: 2, publishedAt: '2026-11-15T00:00:00.000Z', responsibilities: nimbusV2 };
    const drift = contractDrift(stratus, [v2]);
    expect(drift.map((d) => [d.controlId, d.kind])).toEqual([
      ['11.2.1', 'NEW_UPSTREAM_OBLIGATION'],
      ['12.2.1', 'WITHDRAWN_UPSTREAM_OBLIGATION'],
      ['12.3.1', 'REWORDED_UPSTREAM_OBLIGATION'],
    ]);
    expect(drift[0]).toMatchObject({
      upstreamServiceId: 'svc-nimbus',
      upstreamVersion: 2,
      upstreamPublishedAt: '2026-11-15T00:00:00.000Z',
      upstreamText: 'Tell Nimbus which racks hold regulated data.',
    });
    expect(drift[0]!.message).toBe(
      'Nimbus VMs v2 asks something on 11.2.1 that Stratus Apps v1 does not account for: "Tell Nimbus which racks hold regulated data."',
    );
    expect(drift[1]).toMatchObject({ obligationId: malware.customerObligations[0]!.id, upstreamText: null });
    expect(drift[2]!.message).toMatch(/reworded an obligation on 12.3.1 that Stratus Apps v1 relays: it now reads "Copy snapshots/);
  });

  it('leaves NOT_APPLICABLE lines alone: their justification covers the control', () => {
    const na = stratus.responsibilities.map((r) =>
      r.controlId === '11.2.1'
        ? {
            ...r,
            ownership: 'NOT_APPLICABLE' as const,
            status: 'NOT_APPLICABLE' as const,
            customerObligations: [],
            upstreamObligations: [],
            justification: 'No racks.',
          }
        : r,
    );
    const nimbusV2 = applyResponsibilityChanges(
      nimbusV1,
      [{ controlId: '11.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Label your racks.' }] }],
      catalogue,
      sequence('n3'),
    );
    expect(contractDrift({ ...stratus, responsibilities: na }, [{ ...v1, version: 2, responsibilities: nimbusV2 }])).toEqual([]);
  });
});
