import { isDeepStrictEqual } from 'node:util';

/**
 * What an update changed, as old and new values, for the audit trail: an auditor asks "what was it
 * before?", which a list of field names cannot answer. Only fields whose value differs are listed.
 */
export function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (!isDeepStrictEqual(before[field], after[field])) changes[field] = { from: before[field] ?? null, to: after[field] ?? null };
  }
  return changes;
}
