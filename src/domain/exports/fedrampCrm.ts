import { OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import { exportedControlId } from './controlIds';
import { joinedCell, toCsv } from './csv';
import { linesInCatalogueOrder, type ContractExportSource, type CsvSource } from './source';

// A contract version as FedRAMP Customer Responsibility Matrix rows: the CRM's three columns (control
// id, "Can Be Inherited from CSP", the customer's responsibilities), scoped by service as FedRAMP asks
// of providers with several services. A control that does not apply reads N/A with its justification.

export const FEDRAMP_CRM_HEADER = ['Service', 'Control ID', 'Can Be Inherited from CSP', 'Specific Inheritance and Customer Responsibilities'] as const;

export const NO_CUSTOMER_RESPONSIBILITY = 'No customer responsibility: fully inherited from the CSP.';

export function fedrampCrmRows(source: CsvSource): string[][] {
  return linesInCatalogueOrder(source).map((line) => {
    const inheritable = OWNERSHIP_CROSSWALK[line.ownership].fedrampCanBeInherited;
    const obligations = line.customerObligations.map((o) => o.text.trim());
    const responsibility =
      inheritable === null
        ? `Not applicable: ${line.justification?.trim() ?? ''}`.trim()
        : obligations.length
          ? joinedCell(obligations)
          : NO_CUSTOMER_RESPONSIBILITY;
    return [source.service.name, exportedControlId(line.controlId), inheritable ?? 'N/A', responsibility];
  });
}

export const fedrampCrmCsv = (source: ContractExportSource): string => toCsv(FEDRAMP_CRM_HEADER, fedrampCrmRows(source));
