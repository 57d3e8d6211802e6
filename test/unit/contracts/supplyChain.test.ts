import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { applyResponsibilityChanges } from '../../../src/domain/contracts/changes';
import { diffContracts } from '../../../src/domain/contracts/diff';
import { upstreamHandlingsOf, type Responsibility } from '../../../src/domain/contracts/responsibility';
import { accountForUpstream, upstreamDuties, type UpstreamContract } from '../../../src/domain/contracts/supplyChain';
import { templateResponsibilities } from '../../../src/domain/contracts/template';
import { validateContract } from '../../../src/domain/contracts/validation';
import { ErrorCode, OnusError } from '../../../src/domain/errors';
import type { ServiceModel } from '../../../src/domain/services/service';

const catalogue = new Catalogue();
const sequence = (prefix: string) => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};
const template = (model: ServiceModel, prefix: string) => templateResponsibilities(catalogue, model, sequence(prefix));
const line = (list: readonly Responsibility[], controlId: string) => list.find((r) => r.controlId === controlId)!;
const codes = (problems: ReturnType<typeof validateContract>) => problems.map((p) => [p.code, p.controlId]);

// The IaaS has no upstream; the PaaS runs on it; the SaaS runs on the PaaS.
const iaas = template('IAAS', 'iaas');
const iaasContract: UpstreamContract = { serviceId: 'svc-iaas', serviceName: 'Compute', responsibilities: iaas };
const paasDraft = template('PAAS', 'paas');
const paas = accountForUpstream(paasDraft, [iaasContract]);
const paasContract: UpstreamContract = { serviceId: 'svc-paas', serviceName: 'App Platform', responsibilities: paas };
const saas = accountForUpstream(template('SAAS', 'saas'), [paasContract]);

describe('supply-chain accounting of upstream obligations', () => {
  it('makes template drafts of an IaaS -> PaaS -> SaaS chain publishable as they are', () => {
    expect(validateContract(catalogue, iaas, { upstreamServiceIds: [], upstreamContracts: [] })).toEqual([]);
    expect(validateContract(catalogue, paas, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] })).toEqual([]);
    expect(validateContract(catalogue, saas, { upstreamServiceIds: ['svc-paas'], upstreamContracts: [paasContract] })).toEqual([]);
  });

  it('accounts for every upstream obligation: passed down where the line has customer obligations, performed where only the provider acts', () => {
    const duties = upstreamDuties([iaasContract]);
    const accounted = paas.reduce((n, r) => n + upstreamHandlingsOf(r).length, 0);
    const asked = [...duties.values()].reduce((n, d) => n + d.length, 0);
    expect(asked).toBeGreaterThan(50);
    expect(accounted).toBe(asked);
    // Malware: the IaaS leaves the OS to its customer, the PaaS runs the OS itself.
    expect(upstreamHandlingsOf(line(paas, '12.2.1'))).toEqual([
      { upstreamServiceId: 'svc-iaas', obligationId: line(iaas, '12.2.1').customerObligations[0]!.id, handling: 'PERFORMED' },
    ]);
    // Backup of data: customer's on both layers, so the PaaS hands it on to its own customers.
    expect(upstreamHandlingsOf(line(paas, '12.3.1'))).toEqual([
      { upstreamServiceId: 'svc-iaas', obligationId: line(iaas, '12.3.1').customerObligations[0]!.id, handling: 'PASSED_DOWN' },
    ]);
    // Physical security: nothing asked upstream, nothing to account for.
    expect(upstreamHandlingsOf(line(paas, '11.1.1'))).toEqual([]);
  });

  it('flags an upstream obligation the draft does not account for, naming the upstream, the obligation and the fix', () => {
    const problems = validateContract(catalogue, paasDraft, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] });
    const malware = problems.find((p) => p.controlId === '12.2.1')!;
    expect(malware.code).toBe('UNACCOUNTED_UPSTREAM_OBLIGATION');
    expect(malware.message).toContain('Compute');
    expect(malware.message).toContain('Implement 12.2.1 "Controls against malware" for your own use of the IaaS service');
    expect(malware.message).toMatch(/PERFORMED.*provider statement.*PASSED_DOWN.*customer obligation/);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['UNACCOUNTED_UPSTREAM_OBLIGATION']));
  });

  it('passes once the provider marks the obligation PASSED_DOWN and gives its customers an obligation', () => {
    const iaasObligation = line(iaas, '12.2.1').customerObligations[0]!;
    const upstreamContracts = [iaasContract];
    // 12.2.1 is PROVIDER in the PaaS template: no customer obligation yet, nothing accounted.
    const before = paas.map((r) => (r.controlId === '12.2.1' ? { ...r, upstreamObligations: [] } : r));
    expect(codes(validateContract(catalogue, before, { upstreamServiceIds: ['svc-iaas'], upstreamContracts }))).toEqual([['UNACCOUNTED_UPSTREAM_OBLIGATION', '12.2.1']]);

    const passedWithout = applyResponsibilityChanges(
      before,
      [{ controlId: '12.2.1', ownership: 'PROVIDER', upstreamObligations: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id, handling: 'PASSED_DOWN' }] }],
      catalogue,
      sequence('edit'),
    );
    expect(codes(validateContract(catalogue, passedWithout, { upstreamServiceIds: ['svc-iaas'], upstreamContracts }))).toEqual([['PASSED_DOWN_WITHOUT_OBLIGATION', '12.2.1']]);

    const passed = applyResponsibilityChanges(
      passedWithout,
      [{ controlId: '12.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Scan the packages you deploy for malware.' }] }],
      catalogue,
      sequence('edit'),
    );
    expect(validateContract(catalogue, passed, { upstreamServiceIds: ['svc-iaas'], upstreamContracts })).toEqual([]);
  });

  it('refuses PERFORMED without a provider statement, and entries naming obligations the upstream does not have', () => {
    const iaasObligation = line(iaas, '12.3.1').customerObligations[0]!;
    const draft = paas.map((r) => {
      if (r.controlId === '12.3.1') {
        // CUSTOMER line: no provider statement, so PERFORMED says nothing about how.
        return { ...r, upstreamObligations: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id, handling: 'PERFORMED' as const }] };
      }
      if (r.controlId === '11.1.1') {
        return {
          ...r,
          upstreamObligations: [
            { upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id, handling: 'PERFORMED' as const },
            { upstreamServiceId: 'svc-dns', obligationId: 'dns-1', handling: 'PERFORMED' as const },
          ],
        };
      }
      return r;
    });
    const problems = validateContract(catalogue, draft, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] });
    expect(codes(problems)).toEqual([
      ['UNKNOWN_UPSTREAM_OBLIGATION', '11.1.1'],
      ['UNKNOWN_UPSTREAM_OBLIGATION', '11.1.1'],
      ['PERFORMED_WITHOUT_STATEMENT', '12.3.1'],
    ]);
    expect(problems[0]!.message).toMatch(/obligation iaas-\d+ of upstream service svc-iaas.*does not put on this control/);
    expect(problems[1]!.message).toMatch(/svc-dns, which is not an upstream of this service with a published contract/);
  });

  it('keeps the checks of a draft without known upstream contracts as they were', () => {
    expect(validateContract(catalogue, paasDraft, { upstreamServiceIds: ['svc-iaas'] })).toEqual([]);
  });

  it('exempts a NOT_APPLICABLE line: its justification covers what upstream asks on the control', () => {
    const draft = paas.map((r) =>
      r.controlId === '6.2.2'
        ? { ...r, ownership: 'NOT_APPLICABLE' as const, status: 'NOT_APPLICABLE' as const, providerStatement: null, customerObligations: [], upstreamObligations: [], justification: 'No teleworking staff.' }
        : r,
    );
    expect(validateContract(catalogue, draft, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] })).toEqual([]);
    expect(upstreamHandlingsOf(line(accountForUpstream(draft, [iaasContract]), '6.2.2'))).toEqual([]);
  });

  it('drops stale entries when a draft is copied after the upstream replaced an obligation, and accounts for the new one', () => {
    const old = line(iaas, '12.3.1').customerObligations[0]!;
    const iaasV2 = applyResponsibilityChanges(iaas, [{ controlId: '12.3.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Back up your volumes daily.' }] }], catalogue, sequence('iaas-v2'));
    const copy = accountForUpstream(paas, [{ ...iaasContract, responsibilities: iaasV2 }]);
    const handlings = upstreamHandlingsOf(line(copy, '12.3.1'));
    expect(handlings).toEqual([{ upstreamServiceId: 'svc-iaas', obligationId: line(iaasV2, '12.3.1').customerObligations[0]!.id, handling: 'PASSED_DOWN' }]);
    expect(handlings.map((h) => h.obligationId)).not.toContain(old.id);
    // Lines that needed no change are the same objects: a copy does not churn the draft.
    expect(line(copy, '11.1.1')).toBe(line(paas, '11.1.1'));
  });

  it('reports a changed handling in the diff, but not a mere reordering', () => {
    const lineOf = (handling: 'PERFORMED' | 'PASSED_DOWN', reversed = false) => {
      const r = line(paas, '5.1.1');
      const list = [...upstreamHandlingsOf(r), { upstreamServiceId: 'svc-dns', obligationId: 'dns-1', handling }];
      return [{ ...r, upstreamObligations: reversed ? list.reverse() : list }];
    };
    expect(diffContracts(lineOf('PERFORMED'), lineOf('PERFORMED', true)).controls).toEqual([]);
    const [changed] = diffContracts(lineOf('PERFORMED'), lineOf('PASSED_DOWN')).controls;
    expect(changed).toMatchObject({ controlId: '5.1.1', change: 'CHANGED', upstreamHandlingChanged: true, ownershipChanged: null });
    // Versions stored before the field existed read as "no handlings", not as a change.
    const { upstreamObligations: _omitted, ...legacy } = line(iaas, '5.1.1');
    expect(diffContracts([legacy], [line(iaas, '5.1.1')]).controls).toEqual([]);
  });
});

describe('editing upstream handlings in a draft', () => {
  const obligationId = line(iaas, '12.3.1').customerObligations[0]!.id;
  const entry = { upstreamServiceId: 'svc-iaas', obligationId, handling: 'PASSED_DOWN' as const };

  it('keeps them when left out and clears them with null', () => {
    const kept = applyResponsibilityChanges(paas, [{ controlId: '12.3.1', ownership: 'CUSTOMER', status: 'IMPLEMENTED' }], catalogue, sequence('e'));
    expect(upstreamHandlingsOf(line(kept, '12.3.1'))).toEqual([entry]);
    const cleared = applyResponsibilityChanges(paas, [{ controlId: '12.3.1', ownership: 'CUSTOMER', upstreamObligations: null }], catalogue, sequence('e'));
    expect(upstreamHandlingsOf(line(cleared, '12.3.1'))).toEqual([]);
  });

  it('rejects duplicates, unknown handlings, blank ids and more than 50 entries, listing each', () => {
    let error: OnusError | null = null;
    try {
      applyResponsibilityChanges(
        paas,
        [
          {
            controlId: '12.3.1',
            ownership: 'CUSTOMER',
            upstreamObligations: [entry, { ...entry, upstreamServiceId: ' svc-iaas ', handling: 'PERFORMED' }, { upstreamServiceId: '', obligationId: ' ', handling: 'IGNORED' as never }],
          },
          {
            controlId: '12.2.1',
            ownership: 'PROVIDER',
            upstreamObligations: Array.from({ length: 51 }, (_, i) => ({ upstreamServiceId: 'svc-iaas', obligationId: `o-${i}`, handling: 'PERFORMED' as const })),
          },
        ],
        catalogue,
        sequence('e'),
      );
    } catch (e) {
      error = e as OnusError;
    }
    expect(error).toBeInstanceOf(OnusError);
    expect(error!.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error!.problems.map((p) => p.path)).toEqual([
      'responsibilities[0].upstreamObligations[1]',
      'responsibilities[0].upstreamObligations[2].upstreamServiceId',
      'responsibilities[0].upstreamObligations[2].obligationId',
      'responsibilities[0].upstreamObligations[2].handling',
      'responsibilities[1].upstreamObligations',
    ]);
    expect(error!.problems[0]!.message).toMatch(/repeats upstreamObligations\[0\]/);
  });
});
