import type { ContractVersion } from '../../domain/contracts/version';
import type { ContractExport, ExportFormat } from '../../domain/exports/formats';
import type { AppContext } from '../context';
import { referencedOrganization, requireService } from '../load';
import { authorize } from '../policy';
import { encodeExport, type ExportEncoding } from './encodeExport';
import { exchangeFormats } from './exchangeFormats';

/**
 * A published contract version in a format other tools read. Public like the version (service.read);
 * reads the service and its provider (from the request's loaders, usually already loaded) and
 * nothing else: the document comes from the version alone, so it is the same on every export.
 */
export async function exportContractVersion(context: AppContext, version: ContractVersion, format: ExportFormat, encoding: ExportEncoding = 'NONE') {
  authorize(context.caller, 'service.read', null);
  const service = await requireService(context, version.serviceId);
  const provider = await referencedOrganization(context, service.providerOrganizationId);
  const document: ContractExport = exchangeFormats().exportContract({ service, provider, version, catalogue: context.catalogue }, format);
  return encodeExport(document, encoding, 'Shorten the longest texts of the contract (provider statements, obligations).');
}
