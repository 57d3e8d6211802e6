import { OWNERSHIP_CROSSWALK } from '../contracts/crosswalk';
import { OWNERSHIPS } from '../contracts/ownership';
import { CONTROL_ID_PREFIX } from './controlIds';
import { oscalRoles } from './oscalComponentDefinition';

// The README's table of what each Onus ownership becomes in each export, rendered from the one
// crosswalk (a unit test checks that the README holds exactly this table), so the documentation
// cannot drift from what the exports write.

export const CROSSWALK_TABLE_HEADER = [
  'Onus ownership',
  'CAIQ v4 SSRM Control Ownership',
  'FedRAMP CRM Can Be Inherited from CSP',
  'OSCAL component definition: responsible roles',
  'OSCAL SSP: export',
] as const;

function ssp(ownership: (typeof OWNERSHIPS)[number]): string {
  const { oscal } = OWNERSHIP_CROSSWALK[ownership];
  if (oscal.implementationState) return `implementation-status \`${oscal.implementationState}\``;
  const parts = [
    ...(oscal.provided ? ['`provided`'] : []),
    ...(oscal.responsibility === 'WITH_PROVIDED_UUID' ? ['`responsibilities` with `provided-uuid`'] : []),
    ...(oscal.responsibility === 'WITHOUT_PROVIDED_UUID' ? ['`responsibilities` without `provided-uuid`'] : []),
    ...(oscal.leveragedAuthorization ? ['a leveraged authorization'] : []),
    ...(oscal.customerConfigured ? ['customer-configured'] : []),
  ];
  return parts.join(', ');
}

export function crosswalkTableRows(): string[][] {
  return OWNERSHIPS.map((ownership) => {
    const crosswalk = OWNERSHIP_CROSSWALK[ownership];
    return [
      `\`${ownership}\``,
      crosswalk.caiq ?? 'blank; CSP CAIQ Answer `NA`',
      crosswalk.fedrampCanBeInherited ?? 'N/A',
      oscalRoles(ownership).join(', ') || 'none; remarks: the justification',
      ssp(ownership),
    ];
  });
}

/** The table as Markdown, padded as Prettier pads it. */
export function crosswalkTableMarkdown(): string {
  const rows = [[...CROSSWALK_TABLE_HEADER], ...crosswalkTableRows()];
  const widths = CROSSWALK_TABLE_HEADER.map((_, column) => Math.max(3, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

/** Said under the table: how control ids are written in every export. */
export const CONTROL_ID_NOTE = `Control ids are written \`${CONTROL_ID_PREFIX}5.1.1\`, \`${CONTROL_ID_PREFIX}CLD.6.3.1\` in every export.`;
