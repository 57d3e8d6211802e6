import { OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import type { Responsibility } from '../contracts/responsibility';
import { exportedControlId } from './controlIds';
import { joinedCell, toCsv } from './csv';
import { controlTitle, linesInCatalogueOrder, type ContractExportSource, type CsvSource } from './source';

// A contract version as CAIQ v4 shared-responsibility rows, one per ISO/IEC 27017 control. CAIQ's
// own sheet is keyed by CCM v4 question ids, which do not map one to one onto 27017: the rows keep
// the 27017 control (prefixed, controlIds.ts) and CAIQ's answer and SSRM columns with CAIQ's values.

export const CAIQ_HEADER = [
  'Control ID',
  'Control Title',
  'CSP CAIQ Answer',
  'SSRM Control Ownership',
  'CSP Implementation Description',
  'CSC Responsibilities',
] as const;

/** CAIQ's answer: NA for a control that does not apply, Yes when implemented (or by an alternative), No when partial or planned. */
export function caiqAnswer(line: Responsibility): 'Yes' | 'No' | 'NA' {
  if (line.ownership === 'NOT_APPLICABLE' || line.status === 'NOT_APPLICABLE') return 'NA';
  return line.status === 'IMPLEMENTED' || line.status === 'ALTERNATIVE' ? 'Yes' : 'No';
}

export function caiqRows(source: CsvSource): string[][] {
  return linesInCatalogueOrder(source).map((line) => [
    exportedControlId(line.controlId),
    controlTitle(source.catalogue, line.controlId),
    caiqAnswer(line),
    OWNERSHIP_CROSSWALK[line.ownership].caiq ?? '',
    (line.ownership === 'NOT_APPLICABLE' ? line.justification : line.providerStatement)?.trim() ?? '',
    joinedCell(line.customerObligations.map((o) => o.text.trim())),
  ]);
}

export const caiqCsv = (source: ContractExportSource): string => toCsv(CAIQ_HEADER, caiqRows(source));
