import { badInput } from '../errors';
import type { Responsibility } from './responsibility';

// A service has at most one draft and any number of published versions. Versions are immutable
// (customers and OSCAL documents cite them); edits go to the draft, which `revision` guards against
// lost updates, and publishing turns it into version n+1.

export interface ContractDraft {
  readonly serviceId: string;
  /** Increases with every saved edit; a save naming a stale revision is a conflict. */
  readonly revision: number;
  /** The version the draft started from; null for a service's first contract. */
  readonly basedOnVersion: number | null;
  readonly responsibilities: readonly Responsibility[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface ContractVersion {
  readonly serviceId: string;
  /** 1, 2, 3… per service. */
  readonly version: number;
  /** Why this version exists, in words a customer reads next to the diff. */
  readonly changeNote: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly responsibilities: readonly Responsibility[];
}

export const CHANGE_NOTE_LIMIT = 2000;

/** The trimmed note; throws BAD_USER_INPUT when it is empty or longer than CHANGE_NOTE_LIMIT. */
export function validateChangeNote(note: string): string {
  const trimmed = note.trim();
  if (!trimmed) {
    throw badInput('A change note is required: say what changed in this version.', [{ path: 'changeNote', message: 'must not be empty' }]);
  }
  if (trimmed.length > CHANGE_NOTE_LIMIT) {
    throw badInput(`The change note must be at most ${CHANGE_NOTE_LIMIT} characters (got ${trimmed.length}).`, [
      { path: 'changeNote', message: `must be at most ${CHANGE_NOTE_LIMIT} characters` },
    ]);
  }
  return trimmed;
}
