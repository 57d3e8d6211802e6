import { parse } from 'csv-parse/sync';
import { ownershipFromCaiq, OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import { OWNERSHIPS } from '../contracts/ownership';
import type { ControlIndex, ImplementationStatus } from '../contracts/responsibility';
import type { Problem } from '../errors';
import { cellText, splitObligations } from './cellText';
import { controlOfId } from './controlOfId';
import { importProblem, type DocumentReading, type ImportedLine } from './importedLine';
import { IMPORT_LIMITS } from './importLimits';

// A CAIQ v4 sheet (CSV) read back into contract lines: Onus's own export (one row per ISO/IEC 27017
// control, `Control ID` iso27017-…) or CSA's CAIQ v4 layout (`Question ID` / `CCM Control ID`, rows
// mapped through ccmToIso27017.ts). Columns are found by their header, case and any parenthesised
// note ("(Optional/Recommended)") aside; other columns are ignored. The header is the first of the
// first rows naming both an id and an ownership column: CSA's workbook saved as CSV has title and
// version rows above it, which are passed over. Rows are numbered as a spreadsheet shows them.

const COLUMNS = {
  id: ['control id', 'question id', 'ccm control id'],
  ownership: ['ssrm control ownership'],
  answer: ['csp caiq answer'],
  description: ['csp implementation description'],
  responsibilities: ['csc responsibilities'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['id', 'ownership'];

const headerKey = (cell: string) =>
  cell
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** CAIQ's answer back to a status: caiq.ts's caiqAnswer read backwards (No is PARTIAL, the first status that answers No). */
const STATUS_OF_ANSWER: Readonly<Record<string, ImplementationStatus>> = { yes: 'IMPLEMENTED', no: 'PARTIAL', na: 'NOT_APPLICABLE', 'n/a': 'NOT_APPLICABLE' };
const CAIQ_VALUES = OWNERSHIPS.flatMap((o) => OWNERSHIP_CROSSWALK[o].caiq ?? []).filter((v, i, all) => all.indexOf(v) === i);

/** How many rows above the header a sheet may have (CSA's workbook has a few title and version rows). */
const HEADER_SEARCH_ROWS = 20;

/** The index of the header: the first of the first rows naming an id column and the ownership column; the first row when none does (its problems then say what is missing). */
function findHeader(records: readonly string[][]): number {
  const names = (column: Column): readonly string[] => COLUMNS[column];
  const found = records.slice(0, HEADER_SEARCH_ROWS).findIndex((record) => {
    const keys = new Set(record.map(headerKey));
    return REQUIRED.every((column) => names(column).some((name) => keys.has(name)));
  });
  return Math.max(found, 0);
}

export function readCaiqSheet(document: string, catalogue: ControlIndex, skipUnmapped: boolean): DocumentReading {
  let records: string[][];
  try {
    records = parse(document, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    return refused(importProblem('document', 'INVALID_CSV', `not a CSV file (${(error as Error).message}); save the sheet as CSV (UTF-8)`));
  }
  const headerIndex = findHeader(records);
  const header = records[headerIndex];
  const rows = records.slice(headerIndex + 1);
  if (!header) return refused(importProblem('document', 'EMPTY_DOCUMENT', 'the file has no header row; export the CAIQ sheet with its header'));
  const headerRow = `row ${headerIndex + 1}`;
  const problems: Problem[] = [];
  const skipped: Problem[] = [];
  const lines: ImportedLine[] = [];

  const columns = new Map<Column, number>();
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const found = names.map((name) => header.map(headerKey).flatMap((key, index) => (key === name ? [index] : []))).find((hits) => hits.length > 0) ?? [];
    if (found.length > 1)
      problems.push(importProblem(headerRow, 'DUPLICATE_COLUMN', `the header has the column "${header[found[0]!]}" ${found.length} times; keep one`));
    if (found.length) columns.set(column, found[0]!);
  }
  for (const column of REQUIRED.filter((c) => !columns.has(c))) {
    problems.push(
      importProblem(
        headerRow,
        'MISSING_COLUMN',
        `no column ${COLUMNS[column].map((n) => `"${n}"`).join(' or ')} (case aside); the header reads ${header.map((h) => `"${h}"`).join(', ')}`,
      ),
    );
  }
  if (rows.length > IMPORT_LIMITS.rows)
    problems.push(importProblem('document', 'TOO_MANY_ROWS', `${rows.length} rows; a sheet may have at most ${IMPORT_LIMITS.rows}: split it`));
  if (problems.length) return { lines, problems, skipped };

  rows.forEach((row, index) => {
    const at = `row ${headerIndex + index + 2}`;
    if (row.every((cell) => !cell.trim())) return;
    if (row.length !== header.length) {
      problems.push(
        importProblem(at, 'WRONG_COLUMN_COUNT', `${row.length} cells where the header has ${header.length} columns; check quoting of commas and line breaks`),
      );
      return;
    }
    let usable = true;
    const cells = row.map((cell, column) => {
      const where = `${at}, column "${header[column]}"`;
      if (cell.length > IMPORT_LIMITS.cellCharacters) {
        problems.push(
          importProblem(where, 'HUGE_CELL', `${cell.length} characters; a cell holds at most ${IMPORT_LIMITS.cellCharacters.toLocaleString('en-US')}`),
        );
        usable = false;
        return '';
      }
      const text = cellText(cell);
      if (text === null) {
        problems.push(
          importProblem(
            where,
            'FORMULA_CELL',
            `starts with "${cell[0] === '\t' ? '\\t' : cell[0] === '\r' ? '\\r' : cell[0]}" like a spreadsheet formula; if it is text, start it with an apostrophe (')`,
          ),
        );
        usable = false;
        return '';
      }
      return text;
    });
    if (!usable) return;
    const cell = (column: Column) => (columns.has(column) ? cells[columns.get(column)!]!.trim() : '');
    const id = controlOfId(cell('id'), `${at}, column "${header[columns.get('id')!]}"`, catalogue, true);
    if (id.kind === 'unmapped') {
      (skipUnmapped ? skipped : problems).push(id.problem);
      return;
    }
    if (id.kind === 'problem') {
      problems.push(id.problem);
      return;
    }
    const answerCell = cell('answer');
    const status = answerCell ? STATUS_OF_ANSWER[answerCell.toLowerCase()] : undefined;
    if (answerCell && !status) {
      problems.push(
        importProblem(
          `${at}, column "${header[columns.get('answer')!]}"`,
          'UNKNOWN_ANSWER',
          `"${answerCell}" is not a CAIQ answer; use Yes, No or NA`,
          id.controlId,
        ),
      );
      return;
    }
    const ownershipCell = cell('ownership');
    const ownership = status === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE' : ownershipFromCaiq(ownershipCell);
    if (!ownership) {
      problems.push(
        importProblem(
          `${at}, column "${header[columns.get('ownership')!]}"`,
          'UNKNOWN_OWNERSHIP',
          `${ownershipCell ? `"${ownershipCell}" is not` : 'empty: give'} a CAIQ SSRM control ownership (${CAIQ_VALUES.join(', ')}), or answer NA when the control does not apply`,
          id.controlId,
        ),
      );
      return;
    }
    const description = cell('description') || null;
    lines.push({
      at,
      source: cell('id'),
      controlId: id.controlId,
      basis: id.basis,
      ownership,
      status: status ?? (ownership === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE' : 'IMPLEMENTED'),
      providerStatement: ownership === 'NOT_APPLICABLE' ? null : description,
      justification: ownership === 'NOT_APPLICABLE' ? description : null,
      obligations: splitObligations(cell('responsibilities')).map((text) => ({ text })),
    });
  });
  if (!problems.length && !lines.length) problems.push(importProblem('document', 'EMPTY_DOCUMENT', 'no row names a control Onus could use'));
  return { lines, problems, skipped };
}

const refused = (problem: Problem): DocumentReading => ({ lines: [], problems: [problem], skipped: [] });
