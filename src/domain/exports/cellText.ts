import { FORMULA_START } from './csv';

// A sheet's cell as Onus reads it back: the apostrophe Onus's own exports put before a cell a
// spreadsheet would run (csv.ts) is taken off again; a cell that still starts like a formula came
// from elsewhere and is refused, never stored (a formula in a contract would run in every sheet the
// contract is exported to by anyone who strips the apostrophe, and no contract text starts so).

/** The cell's text with Onus's neutralising apostrophe removed; null when it starts like a formula. */
export function cellText(cell: string): string | null {
  if (cell.startsWith("'") && FORMULA_START.test(cell.slice(1))) return cell.slice(1);
  return FORMULA_START.test(cell) ? null : cell;
}

/** Obligations back from one CSC Responsibilities cell: joinedCell's numbering ("1. …" one per line) undone; an unnumbered cell is one obligation. */
export function splitObligations(cell: string): string[] {
  const text = cell.trim();
  if (!text) return [];
  const lines = text.split(/\r?\n/);
  if (!lines[0]!.startsWith('1. ')) return [text];
  const items: string[] = [];
  for (const line of lines) {
    const marker = `${items.length + 1}. `;
    if (line.startsWith(marker)) items.push(line.slice(marker.length));
    else items[items.length - 1] += `\n${line}`;
  }
  return items.length > 1 ? items.map((t) => t.trim()) : [text];
}
