import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import { commitmentsFromInput, type CommitmentsInput } from '../../../src/domain/contracts/commitmentInput';
import { availabilityStatementOf, commitmentsOf, noticeOwed, NO_COMMITMENTS_STATED } from '../../../src/domain/contracts/commitments';
import { commitmentTerms, diffCommitments } from '../../../src/domain/contracts/commitmentTerms';
import { validateCommitments } from '../../../src/domain/contracts/commitmentValidation';
import { encodeBody, decodeBody } from '../../../src/store/contractBody';

const catalogue = new Catalogue();
const regions = ['eu-west-1', 'us-east-1'];

/** A demanding but valid SLA: two tiers of availability with their own credits, and every other kind. */
const sla: CommitmentsInput = {
  availability: {
    targets: [
      { scope: { tier: 'multi-zone' }, targetPercent: 99.99 },
      { scope: { tier: 'single-zone' }, targetPercent: 99.9 },
    ],
    downtime: { errorRatePercent: 5, consecutiveMinutes: 5, description: 'HTTP 5xx share of API calls, per minute.' },
    exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: true },
  },
  serviceCredits: {
    schedules: [
      {
        scope: { tier: 'multi-zone' },
        tiers: [
          { belowPercent: 99.99, creditPercent: 10 },
          { belowPercent: 99.0, creditPercent: 25 },
          { belowPercent: 95.0, creditPercent: 100 },
        ],
        claimWindowMonths: 2,
        capPercent: 100,
      },
      {
        scope: { tier: 'single-zone' },
        tiers: [
          { belowPercent: 99.9, creditPercent: 10 },
          { belowPercent: 95.0, creditPercent: 30 },
        ],
        claimWindowMonths: 2,
        capPercent: 30,
      },
    ],
  },
  support: {
    targets: [
      { severity: 'SEV1', firstResponse: { value: 15, unit: 'MINUTES' } },
      { severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS' } },
      { severity: 'SEV3', firstResponse: { value: 8, unit: 'HOURS' }, hours: 'BUSINESS_HOURS' },
      { severity: 'SEV4', firstResponse: { value: 24, unit: 'HOURS' }, hours: 'BUSINESS_HOURS' },
    ],
  },
  incidentNotification: { within: { value: 24, unit: 'HOURS' }, personalDataWithin: { value: 72, unit: 'HOURS' } },
  recovery: {
    rto: { value: 4, unit: 'HOURS' },
    rpo: { value: 15, unit: 'MINUTES' },
    backupFrequency: { value: 1, unit: 'DAYS' },
    backupRetention: { value: 35, unit: 'DAYS' },
  },
  dataOnTermination: { exportWindow: { value: 30, unit: 'DAYS' }, deletionDeadline: { value: 60, unit: 'DAYS' } },
  changeNotice: { notice: { value: 60, unit: 'DAYS' } },
};

const problems = (input: CommitmentsInput) => validateCommitments(catalogue, commitmentsFromInput(input), { regions }).map((p) => [p.code, p.path]);

describe('SLA commitments', () => {
  it('accept a complete SLA, filling each kind with the controls it supports', () => {
    const c = commitmentsFromInput(sla);
    expect(validateCommitments(catalogue, c, { regions })).toEqual([]);
    expect(c.availability!.controlIds).toEqual(['17.2.1']);
    expect(c.dataOnTermination!.controlIds).toEqual(['CLD.8.1.5']);
    expect(c.changeNotice!.controlIds).toEqual(['12.1.2', 'CLD.12.1.5']);
    expect(availabilityStatementOf({ commitments: c })).toBe('COMMITTED');
  });

  it('read as "not stated" on contracts stored before commitments existed, which raise no problem', () => {
    expect(commitmentsOf({})).toBe(NO_COMMITMENTS_STATED);
    expect(availabilityStatementOf({})).toBe('NOT_STATED');
    expect(validateCommitments(catalogue, NO_COMMITMENTS_STATED, { regions })).toEqual([]);
    expect(commitmentTerms({})).toEqual([]);
  });

  it('must say explicitly that the contract commits to no availability, and not both ways', () => {
    expect(problems({ availability: {} })).toEqual([['AVAILABILITY_NOT_STATED', 'commitments.availability']]);
    const none = { availability: { noCommitmentReason: 'Best effort: a free tier.' } };
    expect(problems(none)).toEqual([]);
    expect(availabilityStatementOf({ commitments: commitmentsFromInput(none) })).toBe('NONE_COMMITTED');
    expect(problems({ availability: { ...sla.availability, noCommitmentReason: 'none' } })).toEqual([
      ['COMMITMENT_CONFLICT', 'commitments.availability.noCommitmentReason'],
    ]);
    expect(problems({ availability: { targets: [{ targetPercent: 99.9 }] } })).toEqual([['COMMITMENT_INCOMPLETE', 'commitments.availability.downtime']]);
  });

  it('report percentages outside (0, 100], duplicate scopes, unknown regions and controls', () => {
    const input: CommitmentsInput = {
      availability: {
        targets: [{ targetPercent: 100.5 }, { scope: {}, targetPercent: 0 }, { scope: { region: 'EU-North-9' }, targetPercent: 99.9 }],
        downtime: { errorRatePercent: 5, consecutiveMinutes: 0 },
        controlIds: ['17.2.1', '99.9.9'],
      },
    };
    expect(problems(input)).toEqual([
      ['COMMITMENT_UNKNOWN_CONTROL', 'commitments.availability.controlIds[1]'],
      ['COMMITMENT_OUT_OF_RANGE', 'commitments.availability.targets[0].targetPercent'],
      ['COMMITMENT_OUT_OF_RANGE', 'commitments.availability.targets[1].targetPercent'],
      ['COMMITMENT_DUPLICATE_SCOPE', 'commitments.availability.targets[1].scope'],
      ['COMMITMENT_UNKNOWN_REGION', 'commitments.availability.targets[2].scope.region'],
      ['COMMITMENT_OUT_OF_RANGE', 'commitments.availability.downtime.consecutiveMinutes'],
    ]);
  });

  it('take percentages with up to three decimals, however floating point writes them', () => {
    const target = (targetPercent: number): CommitmentsInput => ({
      availability: { targets: [{ targetPercent }], downtime: { errorRatePercent: 1.001, consecutiveMinutes: 1 } },
    });
    expect(problems(target(99.995))).toEqual([]);
    expect(problems(target(99.9995))).toEqual([['COMMITMENT_OUT_OF_RANGE', 'commitments.availability.targets[0].targetPercent']]);
  });

  it('want credit tiers ordered, not overlapping, at or below the target they apply to, and within the cap', () => {
    const credits = (tiers: { belowPercent: number; creditPercent: number }[], capPercent = 100): CommitmentsInput => ({
      availability: { targets: [{ targetPercent: 99.9 }], downtime: { errorRatePercent: 5, consecutiveMinutes: 1 } },
      serviceCredits: { schedules: [{ tiers, claimWindowMonths: 2, capPercent }] },
    });
    expect(
      problems(
        credits([
          { belowPercent: 99.9, creditPercent: 10 },
          { belowPercent: 99, creditPercent: 25 },
        ]),
      ),
    ).toEqual([]);
    expect(problems(credits([{ belowPercent: 99.95, creditPercent: 10 }]))).toEqual([
      ['COMMITMENT_CREDIT_ABOVE_TARGET', 'commitments.serviceCredits.schedules[0].tiers[0].belowPercent'],
    ]);
    expect(
      problems(
        credits([
          { belowPercent: 99, creditPercent: 25 },
          { belowPercent: 99.5, creditPercent: 10 },
        ]),
      ),
    ).toEqual([['COMMITMENT_TIERS_UNORDERED', 'commitments.serviceCredits.schedules[0].tiers[1]']]);
    expect(
      problems(
        credits([
          { belowPercent: 99, creditPercent: 10 },
          { belowPercent: 99, creditPercent: 25 },
        ]),
      ),
    ).toEqual([['COMMITMENT_TIERS_OVERLAP', 'commitments.serviceCredits.schedules[0].tiers[1]']]);
    expect(problems(credits([{ belowPercent: 99, creditPercent: 50 }], 25))).toEqual([
      ['COMMITMENT_OUT_OF_RANGE', 'commitments.serviceCredits.schedules[0].tiers[0].creditPercent'],
    ]);
    // One schedule for every target: its tiers must sit at or below the lowest one.
    const twoTargets: CommitmentsInput = {
      ...sla,
      serviceCredits: { schedules: [{ tiers: [{ belowPercent: 99.95, creditPercent: 10 }], claimWindowMonths: 2, capPercent: 100 }] },
    };
    expect(problems(twoTargets)).toEqual([['COMMITMENT_CREDIT_ABOVE_TARGET', 'commitments.serviceCredits.schedules[0].tiers[0].belowPercent']]);
    const sameTierTwice: CommitmentsInput = {
      ...sla,
      availability: { ...sla.availability, targets: [...sla.availability.targets!, { scope: { tier: ' Multi-Zone ' }, targetPercent: 99.99 }] },
    };
    expect(problems(sameTierTwice)).toEqual([['COMMITMENT_DUPLICATE_SCOPE', 'commitments.availability.targets[2].scope']]);
    const unknownScope: CommitmentsInput = {
      ...sla,
      serviceCredits: { schedules: [{ scope: { tier: 'gold' }, tiers: [{ belowPercent: 99, creditPercent: 10 }], claimWindowMonths: 2, capPercent: 100 }] },
    };
    expect(problems(unknownScope)).toEqual([['COMMITMENT_UNKNOWN_SCOPE', 'commitments.serviceCredits.schedules[0].scope']]);
  });

  it('want units each kind is stated in, one target per severity, and the more severe answered faster', () => {
    const input: CommitmentsInput = {
      ...sla,
      support: {
        targets: [
          { severity: 'SEV1', firstResponse: { value: 2, unit: 'HOURS' } },
          { severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS' } },
          { severity: 'SEV2', firstResponse: { value: 1, unit: 'DAYS' } },
        ],
      },
      changeNotice: { notice: { value: 720, unit: 'HOURS' } },
    };
    expect(problems(input)).toEqual([
      ['COMMITMENT_UNIT_MISMATCH', 'commitments.support.targets[2].firstResponse'],
      ['COMMITMENT_DUPLICATE_SCOPE', 'commitments.support.targets[2].severity'],
      ['COMMITMENT_INCONSISTENT', 'commitments.support.targets'],
      ['COMMITMENT_UNIT_MISMATCH', 'commitments.changeNotice.notice'],
    ]);
  });

  it('read as terms of one shape: a target, a unit, a comparison and a window', () => {
    const terms = commitmentTerms({ commitments: commitmentsFromInput(sla) });
    const uptime = terms.find((t) => t.key === 'availability/UPTIME/|multi-zone')!;
    expect(uptime).toMatchObject({ target: 99.99, unit: 'PERCENT', comparison: 'AT_LEAST', window: 'CALENDAR_MONTH', controlIds: ['17.2.1'] });
    expect(terms.find((t) => t.measure === 'INCIDENT_NOTIFICATION')).toMatchObject({
      target: 24,
      unit: 'HOURS',
      comparison: 'AT_MOST',
      window: 'PER_INCIDENT',
      controlIds: ['16.1.2'],
    });
    expect(terms.find((t) => t.measure === 'RPO')).toMatchObject({ target: 15, unit: 'MINUTES', comparison: 'AT_MOST' });
  });

  it('flag a weakened commitment as WEAKENED, whichever way its comparison points', () => {
    const before = { commitments: commitmentsFromInput(sla) };
    const weaker: CommitmentsInput = {
      ...sla,
      availability: {
        ...sla.availability,
        targets: [{ scope: { tier: 'multi-zone' }, targetPercent: 99.95 }, sla.availability.targets![1]!],
        exclusions: { ...sla.availability.exclusions, scheduledMaintenanceNoticeDays: 2 },
      },
      incidentNotification: { within: { value: 2, unit: 'DAYS' }, personalDataWithin: { value: 72, unit: 'HOURS' } },
      recovery: { ...sla.recovery, rto: { value: 300, unit: 'MINUTES' } },
      changeNotice: { notice: { value: 30, unit: 'DAYS' } },
      dataOnTermination: undefined,
    };
    const { changes } = diffCommitments(before, { commitments: commitmentsFromInput(weaker) });
    const effects = Object.fromEntries(changes.map((c) => [c.measure, c.effect]));
    expect(effects).toEqual({
      UPTIME: 'WEAKENED',
      MAINTENANCE_EXCLUSION_NOTICE: 'WEAKENED',
      INCIDENT_NOTIFICATION: 'WEAKENED',
      RTO: 'WEAKENED',
      CHANGE_NOTICE: 'WEAKENED',
      DATA_EXPORT_WINDOW: 'WEAKENED',
      DATA_DELETION_DEADLINE: 'WEAKENED',
    });
    // 24 hours and 1 day are the same promise.
    const same = diffCommitments(before, {
      commitments: commitmentsFromInput({
        ...sla,
        incidentNotification: { within: { value: 1, unit: 'DAYS' }, personalDataWithin: { value: 3, unit: 'DAYS' } },
      }),
    });
    expect(same.changes.map((c) => c.effect)).toEqual(['REWORDED', 'REWORDED']);
    // The reverse is stronger; a dropped exclusion too.
    const back = diffCommitments({ commitments: commitmentsFromInput(weaker) }, before);
    expect(back.weakened).toBe(0);
    const noExclusion = diffCommitments(before, {
      commitments: commitmentsFromInput({
        ...sla,
        availability: { ...sla.availability, exclusions: { scheduledMaintenanceNoticeDays: 7, forceMajeure: true } },
      }),
    });
    expect(noExclusion.changes.map((c) => [c.measure, c.effect])).toEqual([['CUSTOMER_CAUSED_EXCLUDED', 'STRENGTHENED']]);
  });

  it('give the change notice of the version being published, never shorter than the one in force, else the service setting', () => {
    const notice = (days: number) => ({
      commitments: commitmentsFromInput({ availability: { noCommitmentReason: 'n/a' }, changeNotice: { notice: { value: days, unit: 'DAYS' } } }),
    });
    expect(noticeOwed(null, {}, 30)).toEqual({ days: 30, source: "the service's change notice" });
    expect(noticeOwed({}, notice(90), 30).days).toBe(90);
    expect(noticeOwed(notice(60), notice(10), 30)).toEqual({ days: 60, source: 'the change notice the current contract commits to' });
    expect(noticeOwed(notice(60), {}, 30).days).toBe(60);
  });

  it('are stored in the contract body beside the responsibilities; old bodies read as before', () => {
    const commitments = commitmentsFromInput(sla);
    expect(decodeBody(encodeBody([], commitments))).toMatchObject({ responsibilities: [], commitments });
    const old = decodeBody(encodeBody([]));
    expect(old.responsibilities).toEqual([]);
    expect(old.commitments).toBeUndefined();
  });
});
