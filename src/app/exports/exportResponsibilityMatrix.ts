import type { ContractExport } from '../../domain/exports/formats';
import type { StackExportFormat } from '../../domain/exports/stackMatrix';
import type { AppContext } from '../context';
import { referencedOrganization } from '../load';
import { customerScope, loadStack } from '../subscriptions/customer';
import { encodeExport, type ExportEncoding } from './encodeExport';
import { exchangeFormats } from './exchangeFormats';

/**
 * A customer's responsibility matrix across its stack, as CAIQ or FedRAMP CRM rows, or the customer
 * side of an OSCAL SSP: customer data, read by its admins and auditors (customer.read), from the
 * stack the customer screens read (three DynamoDB calls cold, two warm, whatever the number of
 * subscriptions; the SSP adds one batched read of the providers).
 */
export async function exportResponsibilityMatrix(
  context: AppContext,
  format: StackExportFormat,
  customerOrganizationId?: string | null,
  encoding: ExportEncoding = 'NONE',
) {
  const document = await matrixDocument(context, format, customerOrganizationId);
  return encodeExport(document, encoding, "Export each subscribed service's contract version on its own (ContractVersion.export).");
}

async function matrixDocument(
  context: AppContext,
  format: StackExportFormat,
  customerOrganizationId?: string | null,
): Promise<ContractExport<StackExportFormat>> {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  const [stack, organization] = await Promise.all([loadStack(context, organizationId), context.loaders.organization.load(organizationId)]);
  const customer = { id: organizationId, name: organization?.name ?? organizationId };
  const { fileSlug, oscalSspCustomerJson, stackMatrixExport } = exchangeFormats();
  if (format !== 'OSCAL_SSP_CUSTOMER') {
    const sources = stack.entries.map((entry) => ({ service: entry.service, version: entry.contract, catalogue: context.catalogue }));
    return stackMatrixExport(format, customer.name, organizationId, sources);
  }
  const providers = await Promise.all(stack.entries.map((entry) => referencedOrganization(context, entry.service.providerOrganizationId)));
  const services = stack.entries.map((entry, i) => ({ service: entry.service, provider: providers[i]!, contract: entry.contract }));
  return {
    format,
    fileName: `${fileSlug(customer.name, organizationId)}-stack-oscal-ssp-customer.json`,
    mediaType: 'application/json',
    content: oscalSspCustomerJson({ customer, services, tracking: stack.records.tracking, catalogue: context.catalogue }),
  };
}
