import { parse } from 'csv-parse/sync';
import { CAIQ_HEADER, caiqCsv } from '../../../src/domain/exports/caiq';
import { exportedControlId } from '../../../src/domain/exports/controlIds';
import { neutralised } from '../../../src/domain/exports/csv';
import { FEDRAMP_CRM_HEADER, fedrampCrmCsv, NO_CUSTOMER_RESPONSIBILITY } from '../../../src/domain/exports/fedrampCrm';
import { OWNERSHIP_CROSSWALK } from '../../../src/domain/contracts/crosswalk';
import { catalogue, contractSource, HOSTILE } from './contract';

// The CSV exports parsed back with a CSV library and compared with the contract, as a spreadsheet
// would read them: BOM, CRLF, quoting, no formula, no id turned into a date.

const source = contractSource();
const lineOf = (controlId: string) => source.version.responsibilities.find((r) => r.controlId === controlId)!;
/** What a reader sees in a cell once the apostrophe guarding a formula-like start is taken off. */
const shown = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const read = (csv: string) => parse(csv, { bom: true, relax_column_count: false }) as string[][];

describe.each([
  ['CAIQ', caiqCsv, CAIQ_HEADER],
  ['FedRAMP CRM', fedrampCrmCsv, FEDRAMP_CRM_HEADER],
])('the %s CSV', (_name, render, header) => {
  const csv = render(source);

  it('is UTF-8 with a BOM, CRLF between records, one header and one row per control', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // A bare LF only inside a quoted cell (a multi-line cell); every record ends CRLF.
    expect(csv.replace(/"(?:[^"]|"")*"/g, '')).toContain('\r\n');
    expect(csv.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = read(csv);
    expect(rows[0]).toEqual([...header]);
    expect(rows).toHaveLength(1 + catalogue.controls.length);
  });

  it('neutralises every cell a spreadsheet would run and leaves no control id a date could eat', () => {
    for (const row of read(csv)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const ids = read(csv)
      .slice(1)
      .map((row) => row[header.indexOf('Control ID' as never)]!);
    expect(ids).toEqual(catalogue.controls.map((c) => exportedControlId(c.id)));
    for (const id of ids) expect(id).not.toMatch(/^\d/);
  });

  it('is byte-identical when exported twice, whatever order the lines are stored in', () => {
    expect(render(contractSource((lines) => [...lines].reverse()))).toBe(csv);
  });
});

describe('cells', () => {
  it('start with an apostrophe exactly when a spreadsheet would read a formula', () => {
    expect(['=1', '+1', '-1', '@A1', '\tx', '\rx'].map(neutralised)).toEqual(["'=1", "'+1", "'-1", "'@A1", "'\tx", "'\rx"]);
    expect(['1-2', 'a=b', '', 'Plain'].map(neutralised)).toEqual(['1-2', 'a=b', '', 'Plain']);
  });
});

describe('the CAIQ rows', () => {
  const rows = read(caiqCsv(source)).slice(1);
  const rowOf = (controlId: string) => rows.find((r) => r[0] === exportedControlId(controlId))!;

  it('say, per control, the SSRM ownership from the crosswalk, the CSP description and the CSC responsibilities', () => {
    for (const row of rows) {
      const line = lineOf(row[0]!.replace('iso27017-', ''));
      expect(row[1]).toBe(catalogue.control(line.controlId)!.title);
      expect(row[3]).toBe(OWNERSHIP_CROSSWALK[line.ownership].caiq ?? '');
      if (line.ownership !== 'NOT_APPLICABLE') expect(shown(row[4]!)).toBe(line.providerStatement ?? '');
    }
    expect(rowOf('11.1.1')[3]).toBe('3rd-party outsourced');
    expect(rowOf('14.2.7').slice(2, 5)).toEqual(['NA', '', 'No outsourced development.']);
  });

  it('carry hostile texts intact behind the guard, several obligations numbered one per line', () => {
    const row = rowOf('12.2.1');
    expect(row[4]).toBe(`'${HOSTILE.statement}`);
    expect(row[5]).toBe(HOSTILE.obligations.map((t, i) => `${i + 1}. ${t.trim()}`).join('\n'));
  });
});

describe('the FedRAMP CRM rows', () => {
  const rows = read(fedrampCrmCsv(source)).slice(1);
  const rowOf = (controlId: string) => rows.find((r) => r[1] === exportedControlId(controlId))!;

  it('say whether each control can be inherited (from the crosswalk) and what the customer must do, scoped by service', () => {
    for (const row of rows) {
      const line = lineOf(row[1]!.replace('iso27017-', ''));
      expect(row[0]).toBe('Nimbus Virtual Machines');
      expect(row[2]).toBe(OWNERSHIP_CROSSWALK[line.ownership].fedrampCanBeInherited ?? 'N/A');
      if (line.customerObligations.length === 1) expect(shown(row[3]!)).toBe(line.customerObligations[0]!.text);
    }
    expect(rowOf('11.1.1').slice(2)).toEqual(['Yes', NO_CUSTOMER_RESPONSIBILITY]);
    expect(rowOf('12.2.1')[2]).toBe('Partial');
    expect(rowOf('14.2.7').slice(2)).toEqual(['N/A', 'Not applicable: No outsourced development.']);
  });
});
