import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { applyResponsibilityChanges, type ResponsibilityInput } from '../../../src/domain/contracts/changes';
import { RESPONSIBILITY_LIMITS, type Responsibility } from '../../../src/domain/contracts/responsibility';
import { templateResponsibilities } from '../../../src/domain/contracts/template';
import { ErrorCode, OnusError } from '../../../src/domain/errors';

const catalogue = new Catalogue();
const sequence = (prefix: string) => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};
const template = () => templateResponsibilities(catalogue, 'IAAS', sequence('t'));
const line = (list: readonly Responsibility[], controlId: string) => list.find((r) => r.controlId === controlId)!;

function rejection(run: () => unknown): OnusError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OnusError);
    expect((e as OnusError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return e as OnusError;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('editing a contract draft', () => {
  it('keeps obligation ids whose text is re-sent, and gives new text a new id', () => {
    const current = template();
    const before = line(current, '5.1.1');
    const kept = before.customerObligations[0]!;
    const next = applyResponsibilityChanges(
      current,
      [{ controlId: '5.1.1', ownership: 'SHARED', customerObligations: [{ text: `  ${kept.text} ` }, { text: 'Review your own policies yearly.' }] }],
      catalogue,
      sequence('new'),
    );
    const after = line(next, '5.1.1');
    expect(after.providedId).toBe(before.providedId);
    expect(after.customerObligations).toEqual([
      { id: kept.id, text: kept.text, unlocksProvided: true },
      { id: 'new-1', text: 'Review your own policies yearly.', unlocksProvided: true },
    ]);
  });

  it('keeps an obligation id across a rewording when the id is sent', () => {
    const current = template();
    const kept = line(current, '12.2.1').customerObligations[0]!;
    const next = applyResponsibilityChanges(
      current,
      [{ controlId: '12.2.1', ownership: 'CUSTOMER', customerObligations: [{ id: kept.id, text: 'Run anti-malware on every instance you launch.' }] }],
      catalogue,
      sequence('new'),
    );
    expect(line(next, '12.2.1').customerObligations).toEqual([{ id: kept.id, text: 'Run anti-malware on every instance you launch.', unlocksProvided: false }]);
  });

  it('fills a partial draft in catalogue order, new controls getting new provided ids', () => {
    const next = applyResponsibilityChanges(
      [],
      [
        { controlId: '12.3.1', ownership: 'CUSTOMER', customerObligations: [{ text: 'Back up your data.' }] },
        { controlId: '11.1.1', ownership: 'PROVIDER', providerStatement: 'Badge-controlled perimeter at every site.' },
      ],
      catalogue,
      sequence('new'),
    );
    expect(next.map((r) => r.controlId)).toEqual(['11.1.1', '12.3.1']);
    expect(next[0]).toEqual({
      controlId: '11.1.1',
      ownership: 'PROVIDER',
      providerStatement: 'Badge-controlled perimeter at every site.',
      providedId: 'new-3',
      customerObligations: [],
      status: 'IMPLEMENTED',
      evidence: [],
      justification: null,
      upstreamServiceId: null,
      upstreamObligations: [],
    });
    expect(next[1]).toMatchObject({ providedId: 'new-1', customerObligations: [{ id: 'new-2', text: 'Back up your data.', unlocksProvided: false }] });
  });

  it('leaves out fields the change omits, and clears those sent as null', () => {
    const current = template();
    const next = applyResponsibilityChanges(
      current,
      [
        {
          controlId: '5.1.2',
          ownership: 'SHARED',
          status: 'PARTIAL',
          evidence: [{ kind: 'POLICY', title: 'Policy review record', url: 'https://trust.example.com/policy' }],
        },
      ],
      catalogue,
      sequence('new'),
    );
    expect(line(next, '5.1.2')).toEqual({
      ...line(current, '5.1.2'),
      status: 'PARTIAL',
      evidence: [{ kind: 'POLICY', title: 'Policy review record', url: 'https://trust.example.com/policy' }],
    });
    const cleared = applyResponsibilityChanges(
      next,
      [{ controlId: '5.1.2', ownership: 'CUSTOMER', providerStatement: null, evidence: null }],
      catalogue,
      sequence('new'),
    );
    expect(line(cleared, '5.1.2')).toMatchObject({ ownership: 'CUSTOMER', providerStatement: null, evidence: [], status: 'PARTIAL' });
    expect(cleared).toHaveLength(121);
  });

  it('rejects a change listing every problem, and applies nothing', () => {
    const current = template();
    const snapshot = structuredClone(current);
    const newId = jest.fn(sequence('new'));
    const changes: ResponsibilityInput[] = [
      { controlId: '99.1.1', ownership: 'PROVIDER' },
      { controlId: '11.1.1', ownership: 'PROVIDER', providerStatement: 'x'.repeat(RESPONSIBILITY_LIMITS.providerStatement + 1) },
      { controlId: '11.1.1', ownership: 'SHARED' },
      {
        controlId: '12.2.1',
        ownership: 'CUSTOMER',
        customerObligations: [{ text: ' ' }, { id: 'no-such-id', text: 'Scan your images.' }],
        justification: '',
        evidence: [{ kind: 'CERTIFICATE', title: 'ISO 27001 certificate', url: 'ftp://example.com/cert.pdf' }],
      },
    ];
    const error = rejection(() => applyResponsibilityChanges(current, changes, catalogue, newId));
    expect(error.problems.map((p) => p.path)).toEqual([
      'responsibilities[0].controlId',
      'responsibilities[1].providerStatement',
      'responsibilities[2].controlId',
      'responsibilities[3].justification',
      'responsibilities[3].evidence[0].url',
      'responsibilities[3].customerObligations[0].text',
      'responsibilities[3].customerObligations[1].id',
    ]);
    expect(error.problems[0]!.message).toContain('99.1.1');
    expect(error.problems[1]!.message).toMatch(/11\.1\.1.*at most 4000/);
    expect(error.problems[6]!.message).toMatch(/12\.2\.1.*unknown obligation id "no-such-id"/);
    expect(current).toEqual(snapshot);
    expect(newId).not.toHaveBeenCalled();
  });

  it('rejects one obligation id used twice in a control, and more obligations or evidence than allowed', () => {
    const current = template();
    const id = line(current, '5.1.1').customerObligations[0]!.id;
    const error = rejection(() =>
      applyResponsibilityChanges(
        current,
        [
          {
            controlId: '5.1.1',
            ownership: 'SHARED',
            customerObligations: [
              { id, text: 'One.' },
              { id, text: 'Two.' },
            ],
          },
          {
            controlId: '5.1.2',
            ownership: 'SHARED',
            customerObligations: Array.from({ length: 21 }, (_, i) => ({ text: `Obligation ${i}` })),
            evidence: Array.from({ length: 11 }, (_, i) => ({ kind: 'DOCUMENTATION' as const, title: `Doc ${i}`, url: `https://docs.example.com/${i}` })),
          },
        ],
        catalogue,
        sequence('new'),
      ),
    );
    expect(error.problems.map((p) => p.path)).toEqual([
      'responsibilities[0].customerObligations[1].id',
      'responsibilities[1].evidence',
      'responsibilities[1].customerObligations',
    ]);
  });
});

describe('the status a change leaves when it gives none', () => {
  const catalogue = new Catalogue();
  let n = 0;
  const lines = templateResponsibilities(catalogue, 'IAAS', () => `s-${++n}`);
  const newId = () => `s-${++n}`;

  it('follows a line into and out of NOT_APPLICABLE, so the pair never contradicts itself', () => {
    const out = applyResponsibilityChanges(
      lines,
      [{ controlId: '6.2.2', ownership: 'NOT_APPLICABLE', justification: 'No teleworking staff.', providerStatement: null, customerObligations: [] }],
      catalogue,
      newId,
    );
    expect(out.find((r) => r.controlId === '6.2.2')!.status).toBe('NOT_APPLICABLE');
    const back = applyResponsibilityChanges(out, [{ controlId: '6.2.2', ownership: 'PROVIDER', providerStatement: 'We run remote access.' }], catalogue, newId);
    expect(back.find((r) => r.controlId === '6.2.2')!.status).toBe('IMPLEMENTED');
  });

  it('keeps a status the provider chose when the ownership changes within scope', () => {
    const partial = applyResponsibilityChanges(lines, [{ controlId: '11.1.1', ownership: 'PROVIDER', status: 'PARTIAL' }], catalogue, newId);
    const shared = applyResponsibilityChanges(
      partial,
      [{ controlId: '11.1.1', ownership: 'SHARED', customerObligations: [{ text: 'Badge your own visitors.' }] }],
      catalogue,
      newId,
    );
    expect(shared.find((r) => r.controlId === '11.1.1')!.status).toBe('PARTIAL');
  });
});
