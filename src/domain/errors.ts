// The error vocabulary every Onus client can rely on. Each code is stable: clients branch on
// `extensions.code`, never on message text, so a code is never renamed once shipped.
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  // A request that asks for more work than one request may do (README, "Limits"): HTTP 400 when the
  // document is refused before it runs; REQUEST_TOO_EXPENSIVE, RESPONSE_TOO_LARGE and
  // REQUEST_TIMED_OUT once it ran.
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
  REQUEST_TOO_EXPENSIVE = 'REQUEST_TOO_EXPENSIVE',
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  REQUEST_TIMED_OUT = 'REQUEST_TIMED_OUT',
}

/** A problem found in caller-supplied data, addressed precisely enough to fix. */
export interface Problem {
  /** Where the problem is: a field path or, for contracts, the control id. */
  readonly path: string;
  readonly message: string;
  /** A stable machine code for the problem, where one exists (e.g. MISSING_OBLIGATION). */
  readonly code?: string;
  /** For problems of a contract: the control concerned (null: the contract as a whole), as in ContractProblem. */
  readonly controlId?: string | null;
}

// The mark every OnusError carries, in the runtime's symbol registry: the Lambda bundle loads the exchange
// formats as a file of their own (src/app/exports/exchangeFormats.ts), holding its own copy of this module,
// so an error is recognised by this mark rather than by which copy's class built it.
const ONUS_ERROR = Symbol.for('onus.OnusError');

/**
 * An error whose message is written for the client. Anything thrown that is not an OnusError is
 * treated as a bug: logged in full and masked as INTERNAL_SERVER_ERROR. `instanceof OnusError` holds
 * for an OnusError of any copy of this module (see ONUS_ERROR); OnusError has no subclasses, which
 * this test would not tell apart.
 */
export class OnusError extends Error {
  readonly [ONUS_ERROR] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'OnusError';
  }

  static override [Symbol.hasInstance](value: unknown): value is OnusError {
    return typeof value === 'object' && value !== null && (value as { [ONUS_ERROR]?: unknown })[ONUS_ERROR] === true;
  }
}

export const badInput = (message: string, problems: readonly Problem[] = []) => new OnusError(ErrorCode.BAD_USER_INPUT, message, problems);
export const notFound = (message: string) => new OnusError(ErrorCode.NOT_FOUND, message);
export const forbidden = (message: string) => new OnusError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string) => new OnusError(ErrorCode.CONFLICT, message);
export const unauthenticated = (message: string) => new OnusError(ErrorCode.UNAUTHENTICATED, message);
export const validationFailed = (message: string, problems: readonly Problem[]) => new OnusError(ErrorCode.VALIDATION_FAILED, message, problems);
