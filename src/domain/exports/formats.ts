import { caiqCsv } from './caiq';
import { fedrampCrmCsv } from './fedrampCrm';
import { oscalComponentDefinitionJson } from './oscalComponentDefinition';
import { oscalSspProviderJson } from './oscalSsp';
import type { ContractExportSource } from './source';

// The formats a contract version exports to: how each is rendered, named and served.

export const EXPORT_FORMATS = ['OSCAL_COMPONENT_DEFINITION', 'OSCAL_SSP_PROVIDER', 'CAIQ_V4_CSV', 'FEDRAMP_CRM_CSV'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ContractExport<F extends string = ExportFormat> {
  readonly format: F;
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: string;
}

const CSV = 'text/csv; charset=utf-8';
const FORMATS: Readonly<
  Record<ExportFormat, { readonly suffix: string; readonly mediaType: string; readonly render: (source: ContractExportSource) => string }>
> = {
  OSCAL_COMPONENT_DEFINITION: { suffix: 'oscal-component-definition.json', mediaType: 'application/json', render: oscalComponentDefinitionJson },
  OSCAL_SSP_PROVIDER: { suffix: 'oscal-ssp-provider.json', mediaType: 'application/json', render: oscalSspProviderJson },
  CAIQ_V4_CSV: { suffix: 'caiq-v4.csv', mediaType: CSV, render: caiqCsv },
  FEDRAMP_CRM_CSV: { suffix: 'fedramp-crm.csv', mediaType: CSV, render: fedrampCrmCsv },
};

/** Lower-case ASCII letters and digits joined by single hyphens, at most 60 characters; the service id when nothing is left. */
export function fileSlug(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fileSlug(fallback, 'contract') || 'contract';
}

export function exportContract(source: ContractExportSource, format: ExportFormat): ContractExport {
  const { suffix, mediaType, render } = FORMATS[format];
  return { format, fileName: `${fileSlug(source.service.name, source.service.id)}-v${source.version.version}-${suffix}`, mediaType, content: render(source) };
}
