import { applyResponsibilityChanges } from '../../domain/contracts/changes';
import { badInput, OnusError, type Problem } from '../../domain/errors';
import { importProblem, type DocumentReading, type ImportBasis } from '../../domain/exports/importedLine';
import { IMPORT_LIMITS } from '../../domain/exports/importLimits';
import type { ContractDraft } from '../../domain/contracts/version';
import { plural } from '../../domain/text';
import type { AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { editableDraft } from '../contracts/drafts';
import { saveDraft } from '../contracts/saveDraft';
import { exchangeFormats } from './exchangeFormats';

export type ImportFormat = 'CAIQ_V4_CSV' | 'OSCAL_COMPONENT_DEFINITION';
export type ImportMode = 'STRICT' | 'SKIP_UNMAPPED';

export interface ContractImport {
  readonly draft: ContractDraft;
  readonly controlIds: string[];
  readonly rows: { readonly at: string; readonly source: string; readonly controlId: string; readonly basis: ImportBasis }[];
  readonly skipped: { readonly at: string; readonly code: string; readonly message: string }[];
}

/**
 * A provider's existing matrix (a CAIQ v4 sheet or an OSCAL component definition) into its draft:
 * a draft edit like setResponsibilities (contract.draft.edit, revision-guarded, one audited
 * store.commit), whose lines come from the document. All or nothing: the size is checked before the
 * document is parsed, then every row is read and every problem collected; any problem refuses the
 * whole document, so a malformed file is never half-applied.
 */
export async function importContractDraft(
  context: AppContext,
  input: { serviceId: string; revision: number; format: ImportFormat; document: string; mode?: ImportMode | null },
): Promise<ContractImport> {
  const bytes = Buffer.byteLength(input.document, 'utf8');
  if (bytes > IMPORT_LIMITS.documentBytes) {
    throw badInput(
      `The document is ${bytes.toLocaleString('en-US')} bytes; an import takes at most ${IMPORT_LIMITS.documentBytes.toLocaleString('en-US')}. Split it into several imports (each sets only the controls it names).`,
      [importProblem('document', 'DOCUMENT_TOO_LARGE', `${bytes} bytes, more than ${IMPORT_LIMITS.documentBytes}`)],
    );
  }
  const service = await requireServiceForUpdate(context, input.serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, input.revision);

  const { readCaiqSheet, readOscalComponentDefinition, planImport } = exchangeFormats();
  const reading: DocumentReading =
    input.format === 'CAIQ_V4_CSV'
      ? readCaiqSheet(input.document, context.catalogue, input.mode === 'SKIP_UNMAPPED')
      : readOscalComponentDefinition(input.document, context.catalogue);
  const plan = planImport(reading.lines, draft.responsibilities);
  // The draft's own rules (lengths, counts, repeated obligations) on every line read, in the same
  // round as the document's problems, addressed back to the document's rows.
  let responsibilities: ReturnType<typeof applyResponsibilityChanges> = [];
  let lineProblems: Problem[] = [];
  try {
    responsibilities = applyResponsibilityChanges(draft.responsibilities, plan.inputs, context.catalogue, context.newId);
  } catch (error) {
    if (!(error instanceof OnusError)) throw error;
    lineProblems = error.problems.map((p) => {
      const index = Number(/^responsibilities\[(\d+)\]/.exec(p.path)?.[1]);
      return importProblem(plan.sources[index]?.join(', ') ?? 'document', 'INVALID_LINE', p.message, plan.inputs[index]?.controlId);
    });
  }
  const problems = [...reading.problems, ...plan.problems, ...lineProblems];
  if (problems.length) throw refusal(problems);
  const controlIds = responsibilities.map((r) => r.controlId).filter((id) => plan.inputs.some((i) => i.controlId === id));
  const next = await saveDraft(context, service, draft, responsibilities, {
    action: 'contract.draft.import',
    summary: (revision) =>
      `imported ${plural(controlIds.length, 'control')} from a ${input.format} document into the draft of "${service.name}" (revision ${revision})`,
    details: { format: input.format, bytes, controlIds, skipped: reading.skipped.length },
  });
  return {
    draft: next,
    controlIds,
    rows: reading.lines.map(({ at, source, controlId, basis }) => ({ at, source, controlId, basis })),
    skipped: reading.skipped.map((p) => ({ at: p.path, code: p.code ?? 'SKIPPED', message: p.message })),
  };
}

const refusal = (problems: readonly Problem[]) =>
  badInput(
    `Nothing was imported: the document has ${plural(problems.length, 'problem')} (each listed in extensions.problems with its row and code). Fix them and import again.`,
    problems,
  );
