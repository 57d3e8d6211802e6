import { stringify } from 'csv-stringify/sync';

// CSV a spreadsheet opens as it is: UTF-8 with a byte-order mark (so Excel reads UTF-8), CRLF between
// records, RFC 4180 quoting (csv-stringify quotes a cell holding a comma, a quote or a line break
// and doubles its quotes), and no cell a spreadsheet would run: one starting with = + - @, a tab or a
// carriage return gets a leading apostrophe (OWASP's advice for CSV injection), which spreadsheets
// show as text. Control ids are written with their prefix (controlIds.ts), so 5.1.1 never becomes a date.

export const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as written: prefixed with ' when a spreadsheet would read it as a formula. */
export const neutralised = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** The header and rows as a CSV file's text (BOM, CRLF, RFC 4180), every cell neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify(
    [header, ...rows].map((row) => row.map(neutralised)),
    { bom: true, record_delimiter: 'windows', quoted_match: /\r|\n/ },
  );
}

/** Several texts in one cell: one alone as it is, more numbered one per line ("1. …"). */
export const joinedCell = (texts: readonly string[]): string => (texts.length === 1 ? texts[0]! : texts.map((t, i) => `${i + 1}. ${t}`).join('\n'));
