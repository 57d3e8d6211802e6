import type { ContractExport } from '../../domain/exports/formats';
import { stackMatrixExport, type StackExportFormat } from '../../domain/exports/stackMatrix';
import type { AppContext } from '../context';
import { customerScope, loadStack } from '../subscriptions/customer';

/**
 * A customer's responsibility matrix across its stack, as CAIQ or FedRAMP CRM rows: customer data,
 * read by its admins and auditors (customer.read), from the stack the customer screens read
 * (three DynamoDB calls cold, two warm, whatever the number of subscriptions).
 */
export async function exportResponsibilityMatrix(
  context: AppContext,
  format: StackExportFormat,
  customerOrganizationId?: string | null,
): Promise<ContractExport> {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  const [stack, organization] = await Promise.all([loadStack(context, organizationId), context.loaders.organization.load(organizationId)]);
  const sources = stack.entries.map((entry) => ({ service: entry.service, version: entry.contract, catalogue: context.catalogue }));
  return stackMatrixExport(format, organization?.name ?? organizationId, organizationId, sources);
}
