import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import type { Responsibility } from '../../../src/domain/contracts/responsibility';
import { templateResponsibilities } from '../../../src/domain/contracts/template';
import { validateContract } from '../../../src/domain/contracts/validation';

const catalogue = new Catalogue();
let n = 0;
const base = templateResponsibilities(catalogue, 'IAAS', () => `id-${++n}`);

/** The IaaS template with some lines replaced and some removed. */
function draft(edits: Record<string, Partial<Responsibility> | 'remove'>, extra: Responsibility[] = []): Responsibility[] {
  const lines = base.flatMap((r) => {
    const edit = edits[r.controlId];
    if (edit === 'remove') return [];
    return [{ ...r, ...edit }];
  });
  return [...lines, ...extra];
}

const codes = (problems: ReturnType<typeof validateContract>) => problems.map((p) => [p.code, p.controlId]);

describe('publishing checks', () => {
  it('list every problem of an incomplete draft, control by control in catalogue order', () => {
    const problems = validateContract(
      catalogue,
      draft(
        {
          '5.1.1': 'remove',
          '9.2.1': 'remove',
          '11.1.1': { providerStatement: null },
          '11.1.2': { ownership: 'SHARED', providerStatement: '  ', customerObligations: [] },
          '11.1.3': { ownership: 'NOT_APPLICABLE', status: 'NOT_APPLICABLE', justification: null },
          '11.1.4': { ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: null },
          '11.1.5': { ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'svc-someone-else' },
          '11.1.6': { ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'svc-datacenter' },
          '11.2.1': { providerStatement: 'x'.repeat(4001) },
          '11.2.2': { customerObligations: [{ id: 'o-1', text: 'Keep your own generator.', unlocksProvided: false }] },
          '12.2.1': { customerObligations: [] },
        },
        [{ ...base[0]!, controlId: '99.9.9' }],
      ),
      { upstreamServiceIds: ['svc-datacenter'] },
    );
    expect(codes(problems)).toEqual([
      ['MISSING_RESPONSIBILITY', '5.1.1'],
      ['MISSING_RESPONSIBILITY', '9.2.1'],
      ['MISSING_PROVIDER_STATEMENT', '11.1.1'],
      ['MISSING_OBLIGATION', '11.1.2'],
      ['MISSING_PROVIDER_STATEMENT', '11.1.2'],
      ['MISSING_JUSTIFICATION', '11.1.3'],
      ['MISSING_UPSTREAM', '11.1.4'],
      ['UNDECLARED_UPSTREAM', '11.1.5'],
      ['TEXT_TOO_LONG', '11.2.1'],
      ['UNEXPECTED_OBLIGATION', '11.2.2'],
      ['MISSING_OBLIGATION', '12.2.1'],
      ['UNKNOWN_CONTROL', '99.9.9'],
    ]);
  });

  it('say what to fix in each message', () => {
    const [gap, undeclared] = validateContract(
      catalogue,
      draft({ '5.1.1': 'remove', '11.1.5': { ownership: 'PROVIDER_VIA_UPSTREAM', upstreamServiceId: 'svc-x' } }),
      { upstreamServiceIds: [] },
    );
    expect(gap!.message).toMatch(/5\.1\.1 "Policies for information security".*no responsibility.*CLD\.6\.3\.1/);
    expect(undeclared!.message).toMatch(/svc-x.*does not declare/);
  });

  it('find nothing to block when every line is complete, NOT_APPLICABLE included once justified', () => {
    const problems = validateContract(
      catalogue,
      draft({
        '6.2.2': {
          ownership: 'NOT_APPLICABLE',
          status: 'NOT_APPLICABLE',
          providerStatement: null,
          customerObligations: [],
          justification: 'The service has no teleworking staff.',
        },
      }),
      { upstreamServiceIds: [] },
    );
    expect(problems).toEqual([]);
  });

  it('treat an empty draft as 121 gaps', () => {
    const problems = validateContract(catalogue, [], { upstreamServiceIds: [] });
    expect(problems).toHaveLength(121);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['MISSING_RESPONSIBILITY']));
  });
});

describe('what each ownership requires', () => {
  it('asks a CUSTOMER_CONFIGURED line to say what capability the provider supplies, as for SHARED', () => {
    const obligation = [{ id: 'o-cfg', text: 'Configure the firewall rules of your networks.', unlocksProvided: true }];
    const problems = validateContract(
      catalogue,
      draft({
        '13.1.1': { ownership: 'CUSTOMER_CONFIGURED', providerStatement: null, customerObligations: obligation },
        '13.1.2': { ownership: 'CUSTOMER', providerStatement: null, customerObligations: obligation },
      }),
      { upstreamServiceIds: [] },
    );
    expect(codes(problems)).toEqual([['MISSING_PROVIDER_STATEMENT', '13.1.1']]);
  });

  it('reports a supply chain that cannot be read as a problem of the draft as a whole', () => {
    const problems = validateContract(catalogue, draft({}), {
      upstreamServiceIds: [],
      chainFaults: ['Cirrus HR is built on service svc-gone, which does not exist.'],
    });
    expect(problems).toEqual([{ controlId: null, code: 'BROKEN_SUPPLY_CHAIN', message: 'Cirrus HR is built on service svc-gone, which does not exist.' }]);
  });
});

describe('status and ownership agree', () => {
  it('refuses NOT_APPLICABLE as the status of a line where the provider supplies something, and any other status on a NOT_APPLICABLE line', () => {
    const problems = validateContract(
      catalogue,
      draft({
        '11.1.1': { status: 'NOT_APPLICABLE' },
        '6.2.2': {
          ownership: 'NOT_APPLICABLE',
          providerStatement: null,
          customerObligations: [],
          justification: 'No teleworking staff.',
          status: 'IMPLEMENTED',
        },
      }),
      { upstreamServiceIds: [] },
    );
    expect(codes(problems)).toEqual([
      ['STATUS_CONTRADICTS_OWNERSHIP', '6.2.2'],
      ['STATUS_CONTRADICTS_OWNERSHIP', '11.1.1'],
    ]);
    expect(problems[0]!.message).toMatch(/set the status to NOT_APPLICABLE/);
  });

  it('refuses PROVIDER_VIA_UPSTREAM naming an upstream whose own contract performs nothing on the control, by name', () => {
    const upstream = base.map((r) =>
      r.controlId === '11.1.2'
        ? {
            ...r,
            ownership: 'NOT_APPLICABLE' as const,
            status: 'NOT_APPLICABLE' as const,
            providerStatement: null,
            customerObligations: [],
            justification: 'No delivery areas.',
          }
        : r,
    );
    const via = {
      ownership: 'PROVIDER_VIA_UPSTREAM' as const,
      upstreamServiceId: 'svc-dc',
      providerStatement: 'Our data centre provider does it.',
      customerObligations: [],
    };
    const problems = validateContract(catalogue, draft({ '11.1.1': via, '11.1.2': via }), {
      upstreamServiceIds: ['svc-dc'],
      upstreamContracts: [{ serviceId: 'svc-dc', serviceName: 'Atlas Data Centres', responsibilities: upstream }],
    });
    // (The upstream's template obligations also need accounting for; only this rule is under test.)
    const refused = problems.filter((p) => p.code === 'UPSTREAM_DOES_NOT_PERFORM');
    expect(codes(refused)).toEqual([['UPSTREAM_DOES_NOT_PERFORM', '11.1.2']]);
    expect(refused[0]!.message).toMatch(/naming Atlas Data Centres, but Atlas Data Centres's current contract makes this control NOT_APPLICABLE/);
  });
});
