import type { Problem } from '../errors';
import type { ControlIndex } from '../contracts/responsibility';
import { ccmControlIdOf, ccmMapping } from './ccmToIso27017';
import { catalogueControlId } from './controlIds';
import { basisOf, importProblem, type ImportBasis } from './importedLine';

// The ISO/IEC 27017 control a document's id names: iso27017-5.1.1 (Onus's exports), 5.1.1 or
// CLD.6.3.1 (the catalogue's own spelling), or a CCM v4 control or CAIQ v4 question id (IAM-02,
// IAM-02.1) through the mapping table. Never a guess: an id the catalogue or the table does not
// know is a problem, and a CCM control with no 27017 counterpart is reported unmapped.

export type ControlOfId =
  | { readonly kind: 'control'; readonly controlId: string; readonly basis: ImportBasis }
  | { readonly kind: 'unmapped'; readonly problem: Problem }
  | { readonly kind: 'problem'; readonly problem: Problem };

export function controlOfId(raw: string, at: string, catalogue: ControlIndex, acceptCcm: boolean): ControlOfId {
  const value = raw.trim();
  const problem = (code: Parameters<typeof importProblem>[1], message: string): ControlOfId => ({ kind: 'problem', problem: importProblem(at, code, message) });
  if (!value)
    return problem(
      'MISSING_CONTROL_ID',
      'no control id; give an ISO/IEC 27017 control id (iso27017-5.1.1 or 5.1.1)' + (acceptCcm ? ' or a CCM v4 id (IAM-02)' : ''),
    );
  const prefixed = catalogueControlId(value);
  const catalogueId = prefixed ?? value;
  if (catalogue.control(catalogueId)) return { kind: 'control', controlId: catalogueId, basis: 'DIRECT' };
  if (prefixed !== null) return problem('UNKNOWN_CONTROL', `"${value}" names no control of ISO/IEC 27017:2015 (the catalogue has 121, e.g. iso27017-5.1.1)`);
  const ccm = acceptCcm ? ccmControlIdOf(value) : null;
  if (ccm === null) {
    return problem(
      'UNKNOWN_CONTROL',
      `"${value}" is not an ISO/IEC 27017 control id (iso27017-5.1.1, 5.1.1, CLD.6.3.1)${acceptCcm ? ' nor a CCM v4 control or question id (IAM-02, IAM-02.1)' : ''}`,
    );
  }
  const mapping = ccmMapping(ccm);
  if (!mapping) return problem('UNKNOWN_CCM_CONTROL', `"${value}" is shaped like a CCM id, but CCM v4.0 has no control ${ccm}`);
  if (mapping.controlId === null || mapping.basis === null) {
    return {
      kind: 'unmapped',
      problem: importProblem(
        at,
        'UNMAPPED_CCM_CONTROL',
        `CCM v4 control ${ccm} (${mapping.ccmTitle}) has no ISO/IEC 27017 counterpart in Onus's mapping table; the row was not used`,
      ),
    };
  }
  return { kind: 'control', controlId: mapping.controlId, basis: basisOf(mapping.basis) };
}
