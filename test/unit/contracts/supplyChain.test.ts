import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { applyResponsibilityChanges } from '../../../src/domain/contracts/changes';
import { diffContracts } from '../../../src/domain/contracts/diff';
import { upstreamHandlingsOf, type Responsibility } from '../../../src/domain/contracts/responsibility';
import { accountForUpstream, confirmHandlings, upstreamDuties, type UpstreamContract } from '../../../src/domain/contracts/supplyChain';
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
const paasProposed = accountForUpstream(paasDraft, [iaasContract], sequence('paas-relay'));
const paas = confirmHandlings(paasProposed, null);
const paasContract: UpstreamContract = { serviceId: 'svc-paas', serviceName: 'App Platform', responsibilities: paas };
const saas = confirmHandlings(accountForUpstream(template('SAAS', 'saas'), [paasContract], sequence('saas-relay')), null);

describe('supply-chain accounting of upstream obligations', () => {
  it('proposes an answer for every upstream obligation, which blocks publishing until the provider confirms it', () => {
    const unconfirmed = validateContract(catalogue, paasProposed, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] });
    expect(new Set(unconfirmed.map((p) => p.code))).toEqual(new Set(['UNCONFIRMED_UPSTREAM_HANDLING']));
    expect(unconfirmed.find((p) => p.controlId === '12.3.1')!.message).toMatch(
      /Onus proposed how this line accounts for 1 upstream obligation \(1 as PASSED_DOWN\).*confirmUpstreamHandlings/,
    );
    // Confirming some controls leaves the others to review.
    const some = confirmHandlings(paasProposed, new Set(['12.3.1']));
    const left = validateContract(catalogue, some, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] });
    expect(left).toHaveLength(unconfirmed.length - 1);
    expect(left.map((p) => p.controlId)).not.toContain('12.3.1');
  });

  it('makes template drafts of an IaaS -> PaaS -> SaaS chain publishable once the proposals are confirmed', () => {
    expect(validateContract(catalogue, iaas, { upstreamServiceIds: [], upstreamContracts: [] })).toEqual([]);
    expect(validateContract(catalogue, paas, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] })).toEqual([]);
    expect(validateContract(catalogue, saas, { upstreamServiceIds: ['svc-paas'], upstreamContracts: [paasContract] })).toEqual([]);
  });

  it('accounts for every upstream obligation: relayed in the upstream words where customers act, performed where only the provider acts', () => {
    const duties = upstreamDuties([iaasContract]);
    const accounted = paas.reduce((n, r) => n + upstreamHandlingsOf(r).length, 0);
    const asked = [...duties.values()].reduce((n, d) => n + d.length, 0);
    expect(asked).toBeGreaterThan(50);
    expect(accounted).toBe(asked);
    // Malware: the IaaS leaves the OS to its customer, the PaaS runs the OS itself.
    const malware = line(iaas, '12.2.1').customerObligations[0]!;
    expect(upstreamHandlingsOf(line(paasProposed, '12.2.1'))).toEqual([
      { upstreamServiceId: 'svc-iaas', obligationId: malware.id, handling: 'PERFORMED', proposed: true },
    ]);
    // Backup of data: customer's on both layers, so the PaaS hands it on to its own customers, as written.
    const backup = line(iaas, '12.3.1').customerObligations[0]!;
    expect(upstreamHandlingsOf(line(paas, '12.3.1'))).toEqual([{ upstreamServiceId: 'svc-iaas', obligationId: backup.id, handling: 'PASSED_DOWN' }]);
    const relaying = line(paas, '12.3.1').customerObligations.filter((o) => o.relays?.length);
    expect(relaying).toEqual([
      {
        id: expect.stringMatching(/^paas-relay-/),
        text: backup.text,
        unlocksProvided: false,
        relays: [{ upstreamServiceId: 'svc-iaas', obligationId: backup.id, text: backup.text }],
      },
    ]);
    // Physical security: nothing asked upstream, nothing to account for.
    expect(upstreamHandlingsOf(line(paas, '11.1.1'))).toEqual([]);
  });

  it('relays an obligation two levels down: the SaaS customer reads what the IaaS asks, through the PaaS', () => {
    const backup = line(iaas, '12.3.1').customerObligations[0]!;
    const viaPaas = line(paas, '12.3.1').customerObligations.find((o) => o.relays?.[0]?.obligationId === backup.id)!;
    const atSaas = line(saas, '12.3.1').customerObligations.find((o) => o.relays?.some((r) => r.obligationId === viaPaas.id));
    expect(atSaas?.text).toBe(backup.text);
  });

  it('flags an upstream obligation the draft does not account for, naming the upstream, the obligation and the fix', () => {
    const problems = validateContract(catalogue, paasDraft, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] });
    const malware = problems.find((p) => p.controlId === '12.2.1')!;
    expect(malware.code).toBe('UNACCOUNTED_UPSTREAM_OBLIGATION');
    expect(malware.message).toContain('Compute');
    expect(malware.message).toContain('Implement 12.2.1 "Controls against malware" for your own use of the IaaS service');
    // 12.2.1 is PROVIDER in the PaaS: the fix offered is one the other rules accept.
    expect(malware.message).toMatch(/Mark it PERFORMED and say in the provider statement how.*as PROVIDER, the line cannot pass it to customers/);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['UNACCOUNTED_UPSTREAM_OBLIGATION']));
  });

  it('passes once the provider marks the obligation PASSED_DOWN and relays it in a customer obligation', () => {
    const iaasObligation = line(iaas, '12.2.1').customerObligations[0]!;
    const upstreamContracts = [iaasContract];
    // 12.2.1 is PROVIDER in the PaaS template: no customer obligation yet, nothing accounted.
    const before = paas.map((r) => (r.controlId === '12.2.1' ? { ...r, upstreamObligations: [] } : r));
    expect(codes(validateContract(catalogue, before, { upstreamServiceIds: ['svc-iaas'], upstreamContracts }))).toEqual([
      ['UNACCOUNTED_UPSTREAM_OBLIGATION', '12.2.1'],
    ]);

    const passedWithout = applyResponsibilityChanges(
      before,
      [
        {
          controlId: '12.2.1',
          ownership: 'PROVIDER',
          upstreamObligations: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id, handling: 'PASSED_DOWN' }],
        },
      ],
      catalogue,
      sequence('edit'),
    );
    const without = validateContract(catalogue, passedWithout, { upstreamServiceIds: ['svc-iaas'], upstreamContracts });
    expect(codes(without)).toEqual([['PASSED_DOWN_WITHOUT_OBLIGATION', '12.2.1']]);
    expect(without[0]!.message).toMatch(/as PROVIDER the line gives its customers nothing to do; mark it PERFORMED.*or make the line SHARED/);

    const wording = (u: string, o: string, c: string) => (u === 'svc-iaas' && c === '12.2.1' && o === iaasObligation.id ? iaasObligation.text : null);
    const unrelayed = applyResponsibilityChanges(
      passedWithout,
      [{ controlId: '12.2.1', ownership: 'SHARED', customerObligations: [{ text: 'Scan the packages you deploy for malware.' }] }],
      catalogue,
      sequence('edit'),
      wording,
    );
    expect(codes(validateContract(catalogue, unrelayed, { upstreamServiceIds: ['svc-iaas'], upstreamContracts }))).toEqual([
      ['PASSED_DOWN_WITHOUT_OBLIGATION', '12.2.1'],
    ]);
    const passed = applyResponsibilityChanges(
      passedWithout,
      [
        {
          controlId: '12.2.1',
          ownership: 'SHARED',
          customerObligations: [
            { text: 'Scan the packages you deploy for malware.', relays: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id }] },
          ],
        },
      ],
      catalogue,
      sequence('edit'),
      wording,
    );
    expect(line(passed, '12.2.1').customerObligations[0]!.relays).toEqual([
      { upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id, text: iaasObligation.text },
    ]);
    expect(validateContract(catalogue, passed, { upstreamServiceIds: ['svc-iaas'], upstreamContracts })).toEqual([]);
    // A relay the line does not back with PASSED_DOWN, and one naming nothing upstream, are refused.
    const relayOnly = passed.map((r) =>
      r.controlId === '12.2.1'
        ? { ...r, upstreamObligations: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasObligation.id, handling: 'PERFORMED' as const }] }
        : r,
    );
    expect(codes(validateContract(catalogue, relayOnly, { upstreamServiceIds: ['svc-iaas'], upstreamContracts }))).toEqual([
      ['RELAY_WITHOUT_PASS_DOWN', '12.2.1'],
    ]);
    expect(() =>
      applyResponsibilityChanges(
        passedWithout,
        [
          {
            controlId: '12.2.1',
            ownership: 'SHARED',
            customerObligations: [{ text: 'Scan.', relays: [{ upstreamServiceId: 'svc-iaas', obligationId: 'made-up' }] }],
          },
        ],
        catalogue,
        sequence('edit'),
        wording,
      ),
    ).toThrow(/obligation "made-up" of upstream service svc-iaas is not on this control/);
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
      // The line still relays the obligation it no longer passes down.
      ['RELAY_WITHOUT_PASS_DOWN', '12.3.1'],
    ]);
    expect(problems[0]!.message).toMatch(/obligation iaas-\d+ of upstream Compute, which that service.s current contract does not put on this control/);
    expect(problems[1]!.message).toMatch(/svc-dns, which is not an upstream of this service with a published contract/);
  });

  it('keeps the checks of a draft without known upstream contracts as they were', () => {
    expect(validateContract(catalogue, paasDraft, { upstreamServiceIds: ['svc-iaas'] })).toEqual([]);
  });

  it('exempts a NOT_APPLICABLE line: its justification covers what upstream asks on the control', () => {
    const draft = paas.map((r) =>
      r.controlId === '6.2.2'
        ? {
            ...r,
            ownership: 'NOT_APPLICABLE' as const,
            status: 'NOT_APPLICABLE' as const,
            providerStatement: null,
            customerObligations: [],
            upstreamObligations: [],
            justification: 'No teleworking staff.',
          }
        : r,
    );
    expect(validateContract(catalogue, draft, { upstreamServiceIds: ['svc-iaas'], upstreamContracts: [iaasContract] })).toEqual([]);
    expect(upstreamHandlingsOf(line(accountForUpstream(draft, [iaasContract], sequence('x')), '6.2.2'))).toEqual([]);
  });

  it('drops stale entries when a draft is copied after the upstream replaced an obligation, and accounts for the new one', () => {
    const old = line(iaas, '12.3.1').customerObligations[0]!;
    const iaasV2 = applyResponsibilityChanges(
      iaas,
      [{ controlId: '12.3.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Back up your volumes daily.' }] }],
      catalogue,
      sequence('iaas-v2'),
    );
    const copy = accountForUpstream(paas, [{ ...iaasContract, responsibilities: iaasV2 }], sequence('copy'));
    const replacement = line(iaasV2, '12.3.1').customerObligations[0]!;
    const handlings = upstreamHandlingsOf(line(copy, '12.3.1'));
    expect(handlings).toEqual([{ upstreamServiceId: 'svc-iaas', obligationId: replacement.id, handling: 'PASSED_DOWN', proposed: true }]);
    expect(handlings.map((h) => h.obligationId)).not.toContain(old.id);
    // The old relay goes with the old obligation; the new one is relayed in its own words.
    const relays = line(copy, '12.3.1').customerObligations.flatMap((o) => o.relays ?? []);
    expect(relays).toEqual([{ upstreamServiceId: 'svc-iaas', obligationId: replacement.id, text: 'Back up your volumes daily.' }]);
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
            upstreamObligations: [
              entry,
              { ...entry, upstreamServiceId: ' svc-iaas ', handling: 'PERFORMED' },
              { upstreamServiceId: '', obligationId: ' ', handling: 'IGNORED' as never },
            ],
          },
          {
            controlId: '12.2.1',
            ownership: 'PROVIDER',
            upstreamObligations: Array.from({ length: 51 }, (_, i) => ({
              upstreamServiceId: 'svc-iaas',
              obligationId: `o-${i}`,
              handling: 'PERFORMED' as const,
            })),
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
