import { ownershipFromOscalRoles } from '../contracts/crosswalk';
import { OWNERSHIPS, type Ownership } from '../contracts/ownership';
import { IMPLEMENTATION_STATUSES, type ControlIndex, type ImplementationStatus } from '../contracts/responsibility';
import type { ObligationInput } from '../contracts/changes';
import type { Problem } from '../errors';
import { controlOfId } from './controlOfId';
import { importProblem, type DocumentReading, type ImportedLine } from './importedLine';
import { IMPORT_LIMITS } from './importLimits';
import { ONUS_OSCAL_NS } from './oscalComponentDefinition';

// An OSCAL component definition read back into contract lines: each
// `components[].control-implementations[].implemented-requirements[]` is one control. The control id
// is an ISO/IEC 27017 id (iso27017-5.1.1 as Onus exports it, or 5.1.1); the description is the
// provider statement; Onus's own properties (ns https://onus.dev/ns/oscal, as oscalComponentDefinition.ts
// writes them) give the ownership, status and upstream service, and without them the responsible
// roles give the ownership through the crosswalk; statements are the customer obligations (with
// their obligation-id and unlocks-provided properties when present); links are evidence; remarks the
// justification of a control that does not apply. The input is parsed defensively, not validated
// against NIST's schema (1 MB, kept in the test fixtures): every field read is checked for its type.

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayAt = (v: Record<string, Json>, key: string): Json[] => (Array.isArray(v[key]) ? (v[key] as Json[]) : []);
const stringAt = (v: Record<string, Json>, key: string): string | null => (typeof v[key] === 'string' ? (v[key] as string) : null);

/** The texts an export writes when a line has none (oscalComponentDefinition.ts): read back as none. */
const FALLBACK_STATEMENTS = new Set(['The provider makes no statement on this control.', 'Not applicable to this service.']);

function onusProps(item: Record<string, Json>): Map<string, string[]> {
  const props = new Map<string, string[]>();
  for (const p of arrayAt(item, 'props')) {
    if (!isObject(p) || p.ns !== ONUS_OSCAL_NS) continue;
    const name = stringAt(p, 'name');
    const value = stringAt(p, 'value');
    if (name && value !== null) props.set(name, [...(props.get(name) ?? []), value]);
  }
  return props;
}

const roleIds = (item: Record<string, Json>): string[] =>
  arrayAt(item, 'responsible-roles').flatMap((r) => (isObject(r) && typeof r['role-id'] === 'string' ? [r['role-id']] : []));

export function readOscalComponentDefinition(document: string, catalogue: ControlIndex): DocumentReading {
  let root: Json;
  try {
    root = JSON.parse(document);
  } catch (error) {
    return refused(importProblem('document', 'INVALID_JSON', `not JSON (${(error as Error).message}); send the component definition's JSON text`));
  }
  const definition = isObject(root) ? root['component-definition'] : undefined;
  if (!isObject(definition)) {
    return refused(
      importProblem('document', 'NOT_A_COMPONENT_DEFINITION', 'no "component-definition" object at the top; send an OSCAL component definition (JSON)'),
    );
  }
  const problems: Problem[] = [];
  const lines: ImportedLine[] = [];
  const requirements = arrayAt(definition, 'components').flatMap((component, i) =>
    isObject(component)
      ? arrayAt(component, 'control-implementations').flatMap((implementation, j) =>
          isObject(implementation)
            ? arrayAt(implementation, 'implemented-requirements').map((requirement, k) => ({
                at: `components[${i}].control-implementations[${j}].implemented-requirements[${k}]`,
                requirement,
              }))
            : [],
        )
      : [],
  );
  if (requirements.length === 0)
    return refused(importProblem('document', 'EMPTY_DOCUMENT', 'no components[].control-implementations[].implemented-requirements[] to import'));
  if (requirements.length > IMPORT_LIMITS.requirements) {
    return refused(
      importProblem(
        'document',
        'TOO_MANY_ROWS',
        `${requirements.length} implemented requirements; at most ${IMPORT_LIMITS.requirements} at once: split the document`,
      ),
    );
  }

  for (const { at, requirement } of requirements) {
    if (!isObject(requirement)) {
      problems.push(importProblem(at, 'MISSING_CONTROL_ID', 'not an object'));
      continue;
    }
    const huge = hugeStrings(requirement, at);
    if (huge.length) {
      problems.push(...huge);
      continue;
    }
    const id = controlOfId(stringAt(requirement, 'control-id') ?? '', `${at}.control-id`, catalogue, false);
    if (id.kind !== 'control') {
      problems.push(id.problem);
      continue;
    }
    const props = onusProps(requirement);
    const ownershipProp = props.get('ownership')?.[0];
    if (ownershipProp !== undefined && !(OWNERSHIPS as readonly string[]).includes(ownershipProp)) {
      problems.push(
        importProblem(`${at}.props[ownership]`, 'UNKNOWN_OWNERSHIP', `"${ownershipProp}" is not an Onus ownership (${OWNERSHIPS.join(', ')})`, id.controlId),
      );
      continue;
    }
    const roles = roleIds(requirement);
    const ownership: Ownership = (ownershipProp as Ownership | undefined) ?? ownershipFromOscalRoles(roles.includes('provider'), roles.includes('customer'));
    const stateProp = props.get('implementation-status')?.[0];
    const status = stateProp === undefined ? (ownership === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE' : 'IMPLEMENTED') : statusOf(stateProp);
    if (!status) {
      problems.push(
        importProblem(
          `${at}.props[implementation-status]`,
          'UNKNOWN_STATUS',
          `"${stateProp}" is not an OSCAL implementation state (${IMPLEMENTATION_STATUSES.map((s) => s.toLowerCase().replace(/_/g, '-')).join(', ')})`,
          id.controlId,
        ),
      );
      continue;
    }
    const description = stringAt(requirement, 'description')?.trim() ?? '';
    const remarks = stringAt(requirement, 'remarks')?.trim() ?? '';
    lines.push({
      at,
      source: stringAt(requirement, 'control-id')!,
      controlId: id.controlId,
      basis: 'DIRECT',
      ownership,
      status,
      providerStatement: description && !FALLBACK_STATEMENTS.has(description) ? description : null,
      justification: remarks || null,
      obligations: arrayAt(requirement, 'statements').flatMap(obligationOf),
      evidence: arrayAt(requirement, 'links').flatMap((link) =>
        isObject(link) && typeof link.href === 'string' ? [{ kind: 'OTHER' as const, title: stringAt(link, 'text') ?? link.href, url: link.href }] : [],
      ),
      upstreamServiceId: props.get('upstream-service-id')?.[0] ?? null,
    });
  }
  return { lines, problems, skipped: [] };
}

function statusOf(state: string): ImplementationStatus | null {
  const status = state.toUpperCase().replace(/-/g, '_');
  return (IMPLEMENTATION_STATUSES as readonly string[]).includes(status) ? (status as ImplementationStatus) : null;
}

function obligationOf(statement: Json): ObligationInput[] {
  if (!isObject(statement)) return [];
  const text = stringAt(statement, 'description')?.trim();
  if (!text) return [];
  const props = onusProps(statement);
  const unlocks = props.get('unlocks-provided')?.[0];
  return [{ text, id: props.get('obligation-id')?.[0] ?? null, ...(unlocks === 'true' || unlocks === 'false' ? { unlocksProvided: unlocks === 'true' } : {}) }];
}

/** Every string in the requirement longer than a contract text can be, each a HUGE_CELL. */
function hugeStrings(value: Json, at: string): Problem[] {
  if (typeof value === 'string') {
    return value.length > IMPORT_LIMITS.cellCharacters
      ? [importProblem(at, 'HUGE_CELL', `${value.length} characters; a text holds at most ${IMPORT_LIMITS.cellCharacters.toLocaleString('en-US')}`)]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => hugeStrings(v, `${at}[${i}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => hugeStrings(v, `${at}.${k}`));
  return [];
}

const refused = (problem: Problem): DocumentReading => ({ lines: [], problems: [problem], skipped: [] });
