import type { ObligationInput, ResponsibilityInput } from '../contracts/changes';
import type { Ownership } from '../contracts/ownership';
import type { ImplementationStatus } from '../contracts/responsibility';
import type { Problem } from '../errors';
import type { MappingBasis } from './ccmToIso27017';

// What an imported document says about one control, whatever its format, before it becomes a draft
// edit: where it was read (a row of a sheet, a requirement of a component definition), which control
// it lands on and how that was decided, and the line's fields in Onus's terms.

/** How a row's control was found: named by its ISO/IEC 27017 id, or mapped from a CCM v4 id (ccmToIso27017.ts). */
export type ImportBasis = 'DIRECT' | 'TITLE' | 'JUDGEMENT';
export const basisOf = (mapping: MappingBasis): ImportBasis => (mapping === 'title' ? 'TITLE' : 'JUDGEMENT');

export interface ImportedLine {
  /** Where in the document: "row 7" of a sheet, "implemented-requirements[3]" of a component definition. */
  readonly at: string;
  /** The id as the document wrote it (iso27017-5.1.1, IAM-02.1). */
  readonly source: string;
  readonly controlId: string;
  readonly basis: ImportBasis;
  readonly ownership: Ownership;
  readonly status: ImplementationStatus;
  readonly providerStatement: string | null;
  readonly justification: string | null;
  readonly obligations: readonly ObligationInput[];
  /** Left out (undefined): the format does not carry it, the draft keeps its own. */
  readonly evidence?: ResponsibilityInput['evidence'];
  readonly upstreamServiceId?: string | null;
}

/** Every problem a refused import lists has a stable code (README, Exchange: what an import refuses). */
export const IMPORT_PROBLEM_CODES = [
  'DOCUMENT_TOO_LARGE',
  'INVALID_CSV',
  'INVALID_JSON',
  'NOT_A_COMPONENT_DEFINITION',
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  'WRONG_COLUMN_COUNT',
  'TOO_MANY_ROWS',
  'EMPTY_DOCUMENT',
  'MISSING_CONTROL_ID',
  'UNKNOWN_CONTROL',
  'UNKNOWN_CCM_CONTROL',
  'UNMAPPED_CCM_CONTROL',
  'UNKNOWN_OWNERSHIP',
  'UNKNOWN_ANSWER',
  'UNKNOWN_STATUS',
  'HUGE_CELL',
  'FORMULA_CELL',
  'DUPLICATE_CONTROL',
  'CONFLICTING_ROWS',
  'INVALID_LINE',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const importProblem = (path: string, code: ImportProblemCode, message: string, controlId?: string): Problem => ({
  path,
  code,
  message: `${path}: ${message}`,
  ...(controlId ? { controlId } : {}),
});

/** A document's reading: the lines it gives, the problems that refuse it, and the rows left out on purpose (SKIP_UNMAPPED). */
export interface DocumentReading {
  readonly lines: readonly ImportedLine[];
  readonly problems: readonly Problem[];
  readonly skipped: readonly Problem[];
}
