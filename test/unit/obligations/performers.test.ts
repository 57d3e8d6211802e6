import { controlPerformers, type ServiceContract } from '../../../src/domain/obligations/performers';
import { MAX_CHAIN_DEPTH } from '../../../src/domain/services/supplyChain';
import { edit, template } from './fixtures';

const service = (id: string) => ({ id, name: id, providerOrganizationId: `org-${id}` });
const viaUpstream = (upstreamServiceId: string) => ({ controlId: '11.1.1', ownership: 'PROVIDER_VIA_UPSTREAM' as const, upstreamServiceId });

// A SaaS on a PaaS on an IaaS, the upper two passing physical security down to the layer below.
const iaas: ServiceContract = { service: service('svc-iaas'), responsibilities: template('IAAS', 'iaas') };
const paas: ServiceContract = { service: service('svc-paas'), responsibilities: edit(template('PAAS', 'paas'), [viaUpstream('svc-iaas')]) };
const saas: ServiceContract = { service: service('svc-saas'), responsibilities: edit(template('SAAS', 'saas'), [viaUpstream('svc-paas')]) };
const contracts = new Map([iaas, paas, saas].map((c) => [c.service.id, c]));

describe('who performs a control for a subscriber', () => {
  it('follows PROVIDER_VIA_UPSTREAM down to the IaaS that secures the datacenter', () => {
    const result = controlPerformers('11.1.1', saas, contracts);
    expect(result.performers).toEqual([{ serviceId: 'svc-iaas', providerOrganizationId: 'org-svc-iaas', ownership: 'PROVIDER', depth: 2, as: 'PROVIDER' }]);
    expect(result.chain.map((l) => [l.serviceId, l.ownership, l.depth])).toEqual([
      ['svc-saas', 'PROVIDER_VIA_UPSTREAM', 0],
      ['svc-paas', 'PROVIDER_VIA_UPSTREAM', 1],
      ['svc-iaas', 'PROVIDER', 2],
    ]);
    expect(result).toMatchObject({ customerActs: false, broken: null });
  });

  it('names the subscriber when the subscribed service shares the control with it', () => {
    // 9.2.1 user registration is SHARED in the SaaS template.
    const result = controlPerformers('9.2.1', saas, contracts);
    expect(result.performers).toEqual([{ serviceId: 'svc-saas', providerOrganizationId: 'org-svc-saas', ownership: 'SHARED', depth: 0, as: 'PROVIDER' }]);
    expect(result.customerActs).toBe(true);
    expect(controlPerformers('8.2.1', saas, contracts)).toMatchObject({ performers: [], customerActs: true });
  });

  describe("an upstream's customer duty", () => {
    // The SaaS leaves malware protection to the IaaS, which leaves the OS to its customer: the SaaS provider.
    const iaasDuty = iaas.responsibilities.find((r) => r.controlId === '12.2.1')!.customerObligations[0]!;
    const saasWith = (extra: object, obligations: object[] = []) => ({
      service: service('svc-saas'),
      responsibilities: edit(template('SAAS', 's2'), [
        { controlId: '12.2.1', ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'svc-iaas', ...extra },
      ]).map((r) => (r.controlId === '12.2.1' && obligations.length ? { ...r, customerObligations: obligations as never } : r)),
    });

    it('falls on the downstream provider that accepted it (PERFORMED), not on the subscriber', () => {
      const result = controlPerformers(
        '12.2.1',
        saasWith({ upstreamObligations: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasDuty.id, handling: 'PERFORMED' }] }),
        contracts,
      );
      expect(result.performers).toEqual([
        { serviceId: 'svc-saas', providerOrganizationId: 'org-svc-saas', ownership: 'CUSTOMER', depth: 0, as: 'CUSTOMER_OF_UPSTREAM' },
      ]);
      expect(result).toMatchObject({ customerActs: false, broken: null });
    });

    it('reaches the subscriber when the downstream provider passed it down in an obligation of its own', () => {
      const relaying = {
        id: 'o-scan',
        text: iaasDuty.text,
        unlocksProvided: false,
        relays: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasDuty.id, text: iaasDuty.text }],
      };
      const result = controlPerformers(
        '12.2.1',
        saasWith({ upstreamObligations: [{ upstreamServiceId: 'svc-iaas', obligationId: iaasDuty.id, handling: 'PASSED_DOWN' }] }, [relaying]),
        contracts,
      );
      expect(result).toMatchObject({ performers: [], customerActs: true, broken: null });
    });

    it('names nobody for a duty the downstream provider never accounted for, and says so', () => {
      const result = controlPerformers('12.2.1', saasWith({ upstreamObligations: [] }), contracts);
      expect(result).toMatchObject({ performers: [], customerActs: false, broken: { serviceId: 'svc-saas', depth: 0, reason: 'DUTY_NOT_ACCEPTED' } });
    });
  });

  it('stops at a loop or an unknown upstream, saying where the chain broke', () => {
    const a: ServiceContract = { service: service('svc-a'), responsibilities: edit(template('PAAS', 'a'), [viaUpstream('svc-b')]) };
    const b: ServiceContract = { service: service('svc-b'), responsibilities: edit(template('PAAS', 'b'), [viaUpstream('svc-a')]) };
    const loop = controlPerformers('11.1.1', a, new Map([a, b].map((c) => [c.service.id, c])));
    expect(loop).toMatchObject({ performers: [], broken: { serviceId: 'svc-b', depth: 1, reason: 'CYCLE' } });
    expect(controlPerformers('11.1.1', a, new Map()).broken).toEqual({ serviceId: 'svc-a', depth: 0, reason: 'UNKNOWN_SERVICE' });
  });

  it(`gives up beyond ${MAX_CHAIN_DEPTH} levels`, () => {
    const links: ServiceContract[] = Array.from({ length: MAX_CHAIN_DEPTH + 2 }, (_, i) => ({
      service: service(`svc-${i}`),
      responsibilities: edit(template('PAAS', `p${i}`), [viaUpstream(`svc-${i + 1}`)]),
    }));
    const result = controlPerformers('11.1.1', links[0]!, new Map(links.map((c) => [c.service.id, c])));
    expect(result.broken).toEqual({ serviceId: `svc-${MAX_CHAIN_DEPTH}`, depth: MAX_CHAIN_DEPTH, reason: 'TOO_DEEP' });
    expect(result.chain).toHaveLength(MAX_CHAIN_DEPTH + 1);
  });
});
