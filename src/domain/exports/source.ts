import type { ControlIndex, Responsibility } from '../contracts/responsibility';
import type { ContractVersion } from '../contracts/version';
import type { Organization } from '../organizations/organization';
import type { CloudService } from '../services/service';

// What an export of a contract version reads: the version, its service and provider, and the
// catalogue (titles and order). Everything an exported document says comes from these, so the same
// version exports byte-identically whenever it is exported (no clock, no random ids).

export interface ContractExportSource {
  readonly service: Pick<CloudService, 'id' | 'name' | 'description' | 'serviceModel' | 'deploymentModel'>;
  readonly provider: Pick<Organization, 'id' | 'name' | 'website'>;
  readonly version: Pick<ContractVersion, 'serviceId' | 'version' | 'changeNote' | 'publishedAt' | 'responsibilities' | 'commitments'>;
  readonly catalogue: ControlIndex;
}

/** What the CSV rows read: a version of a service, and the catalogue. */
export type CsvSource = Pick<ContractExportSource, 'version' | 'catalogue'> & { readonly service: Pick<ContractExportSource['service'], 'id' | 'name'> };

/** The version's lines in catalogue order (lines for controls outside the catalogue last, by id). */
export function linesInCatalogueOrder(source: Pick<ContractExportSource, 'version' | 'catalogue'>): Responsibility[] {
  const order = new Map(source.catalogue.controls.map((control, index) => [control.id, index]));
  const rank = (line: Responsibility) => order.get(line.controlId) ?? Number.MAX_SAFE_INTEGER;
  return [...source.version.responsibilities].sort((a, b) => rank(a) - rank(b) || (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0));
}

/** A control's short title, or '' for a control the catalogue does not know. */
export const controlTitle = (catalogue: ControlIndex, controlId: string): string => catalogue.control(controlId)?.title ?? '';
