import type { Layer } from '../catalogue/model';
import type { Ownership } from './ownership';
import type { ControlIndex, Responsibility } from './responsibility';

export interface ResponsibilityFilter {
  readonly ownership?: readonly Ownership[] | null;
  readonly clause?: string | null;
  readonly layer?: Layer | null;
  readonly controlIds?: readonly string[] | null;
}

/** The lines of a contract matching every criterion given, in contract (catalogue) order. */
export function filterResponsibilities(
  catalogue: ControlIndex,
  responsibilities: readonly Responsibility[],
  filter: ResponsibilityFilter | null | undefined,
): Responsibility[] {
  if (!filter) return [...responsibilities];
  const ids = filter.controlIds?.length ? new Set(filter.controlIds) : null;
  const owners = filter.ownership?.length ? new Set(filter.ownership) : null;
  return responsibilities.filter((r) => {
    if (ids && !ids.has(r.controlId)) return false;
    if (owners && !owners.has(r.ownership)) return false;
    if (filter.clause == null && filter.layer == null) return true;
    const control = catalogue.control(r.controlId);
    if (!control) return false;
    return (filter.clause == null || control.clauseNumber === filter.clause) && (filter.layer == null || control.layers.includes(filter.layer));
  });
}
