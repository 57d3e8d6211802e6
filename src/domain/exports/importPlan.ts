import type { ObligationInput, ResponsibilityInput } from '../contracts/changes';
import type { Responsibility } from '../contracts/responsibility';
import type { Problem } from '../errors';
import { importProblem, type ImportedLine } from './importedLine';

// From a document's lines to one draft edit: one input per control. Rows that reach the same control
// through the CCM mapping (CAIQ asks several questions per CCM control, and several CCM controls map
// onto one 27017 control) are merged when they agree on the ownership: statements and obligations
// joined in row order, the weaker answer kept. A control named by its own id twice, or named and
// mapped, is a DUPLICATE_CONTROL: the document contradicts itself and nothing says which row is meant.

export interface ImportPlan {
  readonly inputs: readonly ResponsibilityInput[];
  /** For each input, the places in the document it was read from (to address the draft's own refusals). */
  readonly sources: readonly (readonly string[])[];
  readonly problems: readonly Problem[];
}

const STATUS_RANK = ['IMPLEMENTED', 'ALTERNATIVE', 'PARTIAL', 'PLANNED', 'NOT_APPLICABLE'] as const;

export function planImport(lines: readonly ImportedLine[], current: readonly Responsibility[]): ImportPlan {
  const problems: Problem[] = [];
  const groups = new Map<string, ImportedLine[]>();
  for (const line of lines) groups.set(line.controlId, [...(groups.get(line.controlId) ?? []), line]);
  const byControl = new Map(current.map((r) => [r.controlId, r]));
  const inputs: ResponsibilityInput[] = [];
  const sources: string[][] = [];
  for (const [controlId, group] of groups) {
    const first = group[0]!;
    if (group.length > 1 && group.some((l) => l.basis === 'DIRECT')) {
      problems.push(importProblem(group.map((l) => l.at).join(', '), 'DUPLICATE_CONTROL', `all name control ${controlId}; give each control once`, controlId));
      continue;
    }
    const conflicting = group.find((l) => l.ownership !== first.ownership);
    if (conflicting) {
      problems.push(
        importProblem(
          group.map((l) => l.at).join(', '),
          'CONFLICTING_ROWS',
          `map onto control ${controlId} (from ${group.map((l) => l.source).join(', ')}) with different ownerships (${first.at}: ${first.ownership}, ${conflicting.at}: ${conflicting.ownership}); make them agree or leave one out`,
          controlId,
        ),
      );
      continue;
    }
    inputs.push(toInput(controlId, group, byControl.get(controlId)));
    sources.push(group.map((l) => l.at));
  }
  return { inputs, sources, problems };
}

const joined = (texts: readonly (string | null)[]): string | null => {
  const distinct = texts.filter((t): t is string => !!t?.trim()).filter((t, i, all) => all.indexOf(t) === i);
  return distinct.length ? distinct.join('\n\n') : null;
};

function toInput(controlId: string, group: readonly ImportedLine[], existing: Responsibility | undefined): ResponsibilityInput {
  const first = group[0]!;
  const status = group.map((l) => l.status).reduce((a, b) => (STATUS_RANK.indexOf(b) > STATUS_RANK.indexOf(a) ? b : a));
  // An obligation id the document carries is kept when it is this control's in the draft (re-importing
  // a service's own export); otherwise the draft matches by text or draws a new id (changes.ts).
  const known = new Set(existing?.customerObligations.map((o) => o.id) ?? []);
  const seen = new Set<string>();
  const obligations: ObligationInput[] = group
    .flatMap((l) => l.obligations)
    .filter((o) => !seen.has(o.text.trim()) && seen.add(o.text.trim()))
    .map((o) => ({
      text: o.text,
      ...(o.id && known.has(o.id) ? { id: o.id } : {}),
      ...(o.unlocksProvided != null ? { unlocksProvided: o.unlocksProvided } : {}),
    }));
  return {
    controlId,
    ownership: first.ownership,
    status,
    providerStatement: joined(group.map((l) => l.providerStatement)),
    justification: joined(group.map((l) => l.justification)),
    customerObligations: obligations,
    ...(first.evidence !== undefined ? { evidence: first.evidence } : {}),
    ...(first.upstreamServiceId !== undefined ? { upstreamServiceId: first.upstreamServiceId } : {}),
  };
}
