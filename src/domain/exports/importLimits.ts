// How much one import may carry, and why (README, Exchange: Limits).

export const IMPORT_LIMITS = {
  /**
   * UTF-8 bytes of the document. A synchronous Lambda request carries at most 6 MB, and the document
   * travels as a JSON string inside the GraphQL request, where every quote and line break is escaped:
   * 3,000,000 bytes leaves room for that and the rest of the request. A real 121-control sheet is
   * 30–50 KB of CAIQ CSV and about 300 KB of OSCAL. Checked before the document is parsed.
   */
  documentBytes: 3_000_000,
  /** Data rows of a CAIQ sheet: CAIQ v4 has 261 questions; Onus's own sheet has one row per control (121). */
  rows: 2_000,
  /** Implemented requirements of an OSCAL component definition: one per control (121), with room for catalogues of other standards to be refused row by row. */
  requirements: 2_000,
  /**
   * Characters of one cell. The longest legal text is a CSC Responsibilities cell with 20 obligations
   * of 2,000 characters, numbered (about 40,100); a longer cell cannot be a contract line.
   */
  cellCharacters: 41_000,
} as const;
