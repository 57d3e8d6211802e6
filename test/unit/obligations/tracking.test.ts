import { inheritedObligations } from '../../../src/domain/obligations/inherited';
import { findObligation, TRACKING_LIMITS, validateTrackingInput, type TrackingInput } from '../../../src/domain/obligations/tracking';
import { catalogue, edit, entry, line, record, template, version } from './fixtures';
import { badInputProblems } from '../../helpers/problems';

const v1 = version('svc-iaas', 1, template('IAAS', 'iaas'));
const backup = line(v1.responsibilities, '12.3.1').customerObligations[0]!;

describe('recording where the customer stands on an obligation', () => {
  const input: TrackingInput = {
    serviceId: 'svc-iaas',
    obligationId: backup.id,
    status: 'IMPLEMENTED',
    owner: ' Storage team ',
    evidence: [{ title: ' Backup runbook ', url: 'https://wiki.example.com/backup' }],
  };

  it('stores the status with the obligation text it answered', () => {
    expect(validateTrackingInput(input, { obligation: backup, existing: null })).toEqual({
      serviceId: 'svc-iaas',
      obligationId: backup.id,
      status: 'IMPLEMENTED',
      reason: null,
      owner: 'Storage team',
      evidence: [{ title: 'Backup runbook', url: 'https://wiki.example.com/backup' }],
      notes: null,
      recordedText: backup.text,
    });
  });

  it('keeps what an update leaves out, and clears what it sends as null', () => {
    const existing = record('svc-iaas', backup.id, 'PLANNED', 'older text', {
      notes: 'Quarterly restore test.',
      evidence: [{ title: 'Ticket', url: 'https://jira.example.com/OPS-1' }],
    });
    const next = validateTrackingInput(
      { serviceId: 'svc-iaas', obligationId: backup.id, status: 'IMPLEMENTED', owner: null },
      { obligation: backup, existing },
    );
    expect(next).toMatchObject({
      status: 'IMPLEMENTED',
      owner: null,
      notes: 'Quarterly restore test.',
      evidence: existing.evidence,
      recordedText: backup.text,
    });
  });

  it('lists every problem: NOT_APPLICABLE without a reason, bad links, too long, unknown obligation', () => {
    const problems = badInputProblems(() =>
      validateTrackingInput(
        {
          serviceId: 'svc-iaas',
          obligationId: 'gone',
          status: 'NOT_APPLICABLE',
          reason: '  ',
          owner: 'x'.repeat(TRACKING_LIMITS.owner + 1),
          notes: 'n'.repeat(TRACKING_LIMITS.notes + 1),
          evidence: [
            { title: '', url: 'ftp://files.example.com/x' },
            ...Array.from({ length: 10 }, (_, i) => ({ title: `Doc ${i}`, url: `https://docs.example.com/${i}` })),
          ],
        },
        { obligation: null, existing: null },
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['obligationId', 'reason', 'owner', 'notes', 'evidence[0].title', 'evidence[0].url', 'evidence']);
    expect(problems[1]!.message).toMatch(/required when the status is NOT_APPLICABLE/);
  });

  it('finds an obligation by id in the contract the customer follows', () => {
    expect(findObligation(v1.responsibilities, backup.id)).toEqual({ controlId: '12.3.1', obligation: backup });
    expect(findObligation(v1.responsibilities, 'gone')).toBeNull();
  });
});

describe("tracking across a provider's new version", () => {
  const malware = line(v1.responsibilities, '12.2.1').customerObligations[0]!;
  const records = [record('svc-iaas', backup.id, 'IMPLEMENTED', backup.text), record('svc-iaas', malware.id, 'PLANNED', malware.text)];
  // Version 2 rewords the malware obligation (same id) and adds a second backup obligation.
  const v2 = version(
    'svc-iaas',
    2,
    edit(v1.responsibilities, [
      { controlId: '12.2.1', ownership: 'CUSTOMER', customerObligations: [{ id: malware.id, text: 'Run anti-malware on every instance you launch.' }] },
      { controlId: '12.3.1', ownership: 'CUSTOMER', customerObligations: [{ text: backup.text }, { text: 'Test a restore every quarter.' }] },
    ]),
  );
  const mine = (controlId: string) => inheritedObligations(catalogue, [entry('svc-iaas', v2)], records).filter((o) => o.controlId === controlId);

  it("keeps the customer's statuses while obligation ids are unchanged, and shows a new obligation NOT_STARTED", () => {
    expect(mine('12.3.1').map((o) => [o.obligation.text, o.status])).toEqual([
      [backup.text, 'IMPLEMENTED'],
      ['Test a restore every quarter.', 'NOT_STARTED'],
    ]);
  });

  it('tells the customer an obligation was reworded since it recorded its status', () => {
    const [reworded] = mine('12.2.1');
    expect(reworded).toMatchObject({ status: 'PLANNED', textChangedSinceRecorded: true });
    expect(mine('12.3.1')[0]!.textChangedSinceRecorded).toBe(false);
  });
});
