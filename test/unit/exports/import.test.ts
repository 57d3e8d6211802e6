import { stringify } from 'csv-stringify/sync';
import { readCaiqSheet } from '../../../src/domain/exports/caiqImport';
import { cellText, splitObligations } from '../../../src/domain/exports/cellText';
import { caiqCsv } from '../../../src/domain/exports/caiq';
import { planImport } from '../../../src/domain/exports/importPlan';
import { catalogue, contractSource, HOSTILE } from './contract';

// Reading sheets back, without a database: what the export wrote comes back as it was, and what a
// spreadsheet or another tool could have written is read or refused precisely.

const codes = (reading: { problems: readonly { path: string; code?: string }[] }) => reading.problems.map((p) => [p.path, p.code]);

describe('reading a CAIQ sheet back', () => {
  it('undoes the export: neutralised cells, numbered obligations, not-applicable justifications', () => {
    const source = contractSource();
    const reading = readCaiqSheet(caiqCsv(source), catalogue, false);
    expect(reading.problems).toEqual([]);
    expect(reading.lines).toHaveLength(121);
    const hostile = reading.lines.find((l) => l.controlId === '12.2.1')!;
    expect(hostile.providerStatement).toBe(HOSTILE.statement);
    // Leading tab and carriage return are trimmed as every contract text is (changes.ts trims too).
    expect(hostile.obligations.map((o) => o.text)).toEqual(HOSTILE.obligations.map((t) => t.trim()));
    expect(reading.lines.find((l) => l.controlId === '14.2.7')).toMatchObject({
      ownership: 'NOT_APPLICABLE',
      status: 'NOT_APPLICABLE',
      justification: 'No outsourced development.',
    });
    expect(reading.lines.find((l) => l.controlId === '11.1.1')).toMatchObject({ ownership: 'PROVIDER_VIA_UPSTREAM' });
  });

  it('splits only numbered lists, and keeps a single text that merely starts with "1. "', () => {
    expect(splitObligations('1. One\n2. Two\nstill two\n3. Three')).toEqual(['One', 'Two\nstill two', 'Three']);
    expect(splitObligations('1. Only one step')).toEqual(['1. Only one step']);
    expect(splitObligations('Plain\n2. not a list')).toEqual(['Plain\n2. not a list']);
    expect(cellText("'=1+1")).toBe('=1+1');
    expect(cellText("'quoted")).toBe("'quoted");
    expect(cellText('@SUM(A1)')).toBeNull();
  });

  it('finds columns by header whatever the case or note, and lists every missing one', () => {
    const sheet = stringify([
      ['question id', 'SSRM CONTROL OWNERSHIP (CSP/CSC)'],
      ['GRC-01.1', 'CSP-owned'],
    ]);
    expect(readCaiqSheet(sheet, catalogue, false).lines).toEqual([
      expect.objectContaining({ controlId: '5.1.1', basis: 'TITLE', ownership: 'PROVIDER', status: 'IMPLEMENTED' }),
    ]);
    expect(
      codes(
        readCaiqSheet(
          stringify([
            ['Title', 'Answer'],
            ['x', 'y'],
          ]),
          catalogue,
          false,
        ),
      ),
    ).toEqual([
      ['row 1', 'MISSING_COLUMN'],
      ['row 1', 'MISSING_COLUMN'],
    ]);
    expect(codes(readCaiqSheet(stringify([['Control ID', 'Control ID', 'SSRM Control Ownership']]), catalogue, false))).toEqual([
      ['row 1', 'DUPLICATE_COLUMN'],
    ]);
    expect(codes(readCaiqSheet('Control ID,SSRM Control Ownership\r\n"iso27017-5.1.1,CSP-owned\r\n', catalogue, false))).toEqual([['document', 'INVALID_CSV']]);
    expect(codes(readCaiqSheet('', catalogue, false))).toEqual([['document', 'EMPTY_DOCUMENT']]);
  });

  it("passes over the title rows above CSA's header, numbering rows as the spreadsheet shows them", () => {
    const sheet = stringify([
      ['Consensus Assessments Initiative Questionnaire v4.0.3', '', ''],
      ['Cloud Security Alliance', '', ''],
      ['Question ID', 'SSRM Control Ownership', 'CSP Implementation Description'],
      ['GRC-01.1', 'CSP-owned', 'Policies are reviewed yearly.'],
      ['GRC-01.2', 'Somebody', ''],
    ]);
    const reading = readCaiqSheet(sheet, catalogue, false);
    // The fifth row of the sheet is the second data row: its problem says row 5.
    expect(codes(reading)).toEqual([['row 5, column "SSRM Control Ownership"', expect.any(String)]]);
    const good = readCaiqSheet(sheet.split('\n').slice(0, 4).join('\n'), catalogue, false);
    expect(good.problems).toEqual([]);
    expect(good.lines).toEqual([expect.objectContaining({ controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: 'Policies are reviewed yearly.' })]);
  });

  it('merges CCM rows landing on one control when they agree, and refuses them when their ownerships differ', () => {
    const header = ['CCM Control ID', 'SSRM Control Ownership', 'CSP Implementation Description', 'CSC Responsibilities'];
    const agree = readCaiqSheet(
      stringify([header, ['BCR-01', 'Shared CSP and CSC', 'Plan A.', 'Know the plan.'], ['BCR-02', 'Shared CSP and CSC', 'Plan B.', 'Know the plan.']]),
      catalogue,
      false,
    );
    expect(planImport(agree.lines, []).inputs).toEqual([
      expect.objectContaining({ controlId: '17.1.1', providerStatement: 'Plan A.\n\nPlan B.', customerObligations: [{ text: 'Know the plan.' }] }),
    ]);
    const disagree = readCaiqSheet(stringify([header, ['BCR-01', 'CSP-owned', 'A', ''], ['BCR-03', 'CSC-owned', '', 'B']]), catalogue, false);
    expect(codes(planImport(disagree.lines, []))).toEqual([['row 2, row 3', 'CONFLICTING_ROWS']]);
  });
});
