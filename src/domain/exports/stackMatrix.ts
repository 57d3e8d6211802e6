import { CAIQ_HEADER, caiqRows } from './caiq';
import { toCsv } from './csv';
import { FEDRAMP_CRM_HEADER, fedrampCrmRows } from './fedrampCrm';
import { fileSlug, type ContractExport } from './formats';
import type { CsvSource } from './source';

// A customer's responsibility matrix across its whole stack, in the CSV forms of a single version:
// the rows of each subscribed service's effective contract version, services in name order, each row
// naming its service and version. Deterministic like the version exports: the same stack, the same bytes.

export const STACK_EXPORT_FORMATS = ['CAIQ_V4_CSV', 'FEDRAMP_CRM_CSV', 'OSCAL_SSP_CUSTOMER'] as const;
export type StackExportFormat = (typeof STACK_EXPORT_FORMATS)[number];
export type StackCsvFormat = Exclude<StackExportFormat, 'OSCAL_SSP_CUSTOMER'>;

const byName = (a: CsvSource, b: CsvSource) =>
  a.service.name.localeCompare(b.service.name, 'en') || (a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0);

export function stackMatrixCsv(format: StackCsvFormat, sources: readonly CsvSource[]): string {
  const ordered = [...sources].sort(byName);
  if (format === 'CAIQ_V4_CSV')
    return toCsv(
      ['Service', 'Contract Version', ...CAIQ_HEADER],
      ordered.flatMap((source) => caiqRows(source).map((row) => [source.service.name, String(source.version.version), ...row])),
    );
  // The CRM rows already start with the service.
  const [service, ...rest] = FEDRAMP_CRM_HEADER;
  return toCsv(
    [service, 'Contract Version', ...rest],
    ordered.flatMap((source) => fedrampCrmRows(source).map(([name, ...cells]) => [name!, String(source.version.version), ...cells])),
  );
}

/** The matrix as a downloadable export, named after the customer organization. */
export function stackMatrixExport(
  format: StackCsvFormat,
  customerName: string,
  customerId: string,
  sources: readonly CsvSource[],
): ContractExport<StackCsvFormat> {
  const suffix = format === 'CAIQ_V4_CSV' ? 'caiq-v4.csv' : 'fedramp-crm.csv';
  return {
    format,
    fileName: `${fileSlug(customerName, customerId)}-stack-${suffix}`,
    mediaType: 'text/csv; charset=utf-8',
    content: stackMatrixCsv(format, sources),
  };
}
