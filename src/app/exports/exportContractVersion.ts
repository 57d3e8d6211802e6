import type { ContractVersion } from '../../domain/contracts/version';
import { exportContract, type ContractExport, type ExportFormat } from '../../domain/exports/formats';
import type { AppContext } from '../context';
import { referencedOrganization, requireService } from '../load';
import { authorize } from '../policy';

/**
 * A published contract version in a format other tools read. Public like the version (service.read);
 * reads the service and its provider (from the request's loaders, usually already loaded) and
 * nothing else: the document comes from the version alone, so it is the same on every export.
 */
export async function exportContractVersion(context: AppContext, version: ContractVersion, format: ExportFormat): Promise<ContractExport> {
  authorize(context.caller, 'service.read', null);
  const service = await requireService(context, version.serviceId);
  const provider = await referencedOrganization(context, service.providerOrganizationId);
  return exportContract({ service, provider, version, catalogue: context.catalogue }, format);
}
