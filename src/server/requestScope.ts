import { AsyncLocalStorage } from 'node:async_hooks';

// What the one log line of a request needs, gathered while the request runs: the Lambda wrapper
// opens the scope, Apollo plugins fill in the GraphQL side, the wrapper writes the line at the end.
export interface RequestScope {
  readonly requestId: string;
  operationName: string | null;
  errorCodes: string[];
  /** Set when the request was answered REQUEST_TIMED_OUT while its work still ran. */
  timedOut?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const runInRequestScope = <T>(scope: RequestScope, work: () => T): T => storage.run(scope, work);
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
