import { Catalogue } from '../../../src/domain/catalogue/catalogue';
import type { Responsibility } from '../../../src/domain/contracts/responsibility';
import { templateResponsibilities } from '../../../src/domain/contracts/template';
import type { ContractExportSource } from '../../../src/domain/exports/source';

// A complete 121-control contract version for the export tests: the IaaS template (every ownership
// but PROVIDER_VIA_UPSTREAM and NOT_APPLICABLE), plus lines that carry those two, evidence, several
// obligations, a relay, and texts a spreadsheet would run as formulas.

export const catalogue = new Catalogue();

const sequence = () => {
  let n = 0;
  return () => `id-${String(++n).padStart(4, '0')}`;
};

export const HOSTILE = {
  statement: '=HYPERLINK("https://evil.example","click")',
  obligations: ['+1+1', '-2+3', '@SUM(A1:A2)', '\tTabbed start', '\rCarriage start', 'Quote "this", and a comma\nand a second line'],
};

export function contractSource(overrides: (lines: Responsibility[]) => Responsibility[] = (lines) => lines): ContractExportSource {
  const lines = templateResponsibilities(catalogue, 'IAAS', sequence(), { providerName: 'Nimbus Compute' }).map((line): Responsibility => {
    switch (line.controlId) {
      case '11.1.1':
        return {
          ...line,
          ownership: 'PROVIDER_VIA_UPSTREAM',
          upstreamServiceId: 'svc-upstream',
          evidence: [{ kind: 'CERTIFICATE', title: 'ISO 27001 certificate', url: 'https://trust.example.com/iso' }],
        };
      case '14.2.7':
        return {
          ...line,
          ownership: 'NOT_APPLICABLE',
          status: 'NOT_APPLICABLE',
          providerStatement: null,
          customerObligations: [],
          justification: 'No outsourced development.',
        };
      case '12.2.1':
        return {
          ...line,
          ownership: 'SHARED',
          providerStatement: HOSTILE.statement,
          customerObligations: HOSTILE.obligations.map((text, i) => ({
            id: `obl-hostile-${i}`,
            text,
            unlocksProvided: i === 0,
            ...(i === 1 ? { relays: [{ upstreamServiceId: 'svc-upstream', obligationId: 'up-1', text: 'Upstream words' }] } : {}),
          })),
        };
      default:
        return line;
    }
  });
  return {
    service: {
      id: 'svc-nimbus-vm',
      name: 'Nimbus Virtual Machines',
      description: 'Virtual machines in three regions.',
      serviceModel: 'IAAS',
      deploymentModel: 'PUBLIC',
    },
    provider: { id: 'org-nimbus', name: 'Nimbus Compute', website: 'https://nimbus.example.com' },
    version: {
      serviceId: 'svc-nimbus-vm',
      version: 2,
      changeNote: 'MFA is yours',
      publishedAt: '2026-11-01T10:00:00.000Z',
      responsibilities: overrides(lines),
    },
    catalogue,
  };
}
