import type { ApiError, ApiErrorExtensions, GraphQLResult } from '../../dev/inProcessApi';

// Typed responses carry `data` that may be missing and `errors` that may be absent; these helpers
// turn "must have succeeded" and "must have failed" into one call each, failing with what came back.

/** The data of a response that must have succeeded without any error. */
export function dataOf<TResult>(result: GraphQLResult<TResult>): TResult {
  const { data, errors } = result.json;
  if (errors?.length) throw new Error(`expected no errors, got ${JSON.stringify(errors)}`);
  if (data === undefined || data === null) throw new Error(`expected data, got ${result.text}`);
  return data;
}

/** The first error of a response that must have failed; Onus always gives it extensions. */
export function firstError(result: { readonly json: { readonly errors?: readonly ApiError[] } }): ApiError & { readonly extensions: ApiErrorExtensions } {
  const error = result.json.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.json)}`);
  if (!error.extensions) throw new Error(`expected error extensions, got ${JSON.stringify(error)}`);
  return { ...error, extensions: error.extensions };
}

/** The paths of the problems of every error of a refused input (the schema reports one error per refused value). */
export const allProblemPaths = (result: { readonly json: { readonly errors?: readonly ApiError[] } }): string[] =>
  (result.json.errors ?? []).flatMap((e) => e.extensions?.problems ?? []).map((p) => p.path);

/** The paths of the problems listed by a refused input. */
export const problemPaths = (result: { readonly json: { readonly errors?: readonly ApiError[] } }): string[] =>
  (firstError(result).extensions.problems ?? []).map((p) => p.path);

/** The first element matching `predicate`, failing the test (instead of reading undefined) when there is none. */
export function found<T>(items: readonly T[], predicate: (item: T) => boolean, what = 'a matching item'): T {
  const item = items.find(predicate);
  if (item === undefined) throw new Error(`expected ${what} among ${JSON.stringify(items)}`);
  return item;
}

interface Page {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}

/** Follows a Relay connection from the start, page by page (at most `maxPages`), collecting each page's items. */
export async function collectPages<P extends Page, T>(
  fetchPage: (after: string | null) => Promise<P>,
  items: (page: P) => readonly T[],
  maxPages = 20,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: P = await fetchPage(after);
    all.push(...items(page));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  return all;
}

/** The data of a response that may also carry field errors (a field the caller may not read is null). */
export function partialDataOf<TResult>(result: GraphQLResult<TResult>): TResult {
  const { data } = result.json;
  if (data === undefined || data === null) throw new Error(`expected data, got ${result.text}`);
  return data;
}

/**
 * A compiled use of a document (src/server/execution.ts) answers as its first use on graphql-js did: the
 * same status and data, and at least its errors. Byte for byte in the usual case; but when an error
 * nulls an object (the whole response, for a non-null root field), graphql-js completes it at once, so
 * errors of its fields still running may be missing from that answer, while graphql-jit waits for every
 * field and reports them too.
 */
export function expectSameAnswer(first: { status: number; text: string }, compiled: { status: number; text: string }): void {
  if (compiled.text === first.text && compiled.status === first.status) return;
  expect(compiled.status).toBe(first.status);
  type Answer = { data?: unknown; errors?: { message: string; path?: unknown; extensions?: unknown }[] };
  const [a, b] = [JSON.parse(first.text) as Answer, JSON.parse(compiled.text) as Answer];
  expect(b.data).toEqual(a.data);
  const errorsOf = (answer: Answer) => (answer.errors ?? []).map((e) => JSON.stringify([e.path, e.extensions, e.message]));
  if (a.data === null && raced(a) && raced(b) && rootFields(a) !== rootFields(b)) return;
  expect(errorsOf(b)).toEqual(expect.arrayContaining(errorsOf(a)));
}

/**
 * Two non-null root fields that both fail (a query for two unknown ids) race: the first error to arrive nulls
 * the whole response, on graphql-js and on graphql-jit alike, and which one that is depends on which read
 * DynamoDB answers first. Such an answer is data null with client errors of root fields only; two of them
 * are told apart only when they name different root fields (otherwise their errors are compared as ever).
 */
function raced(answer: { errors?: { path?: unknown; extensions?: unknown }[] }): boolean {
  const errors = answer.errors ?? [];
  return (
    errors.length > 0 &&
    errors.every((e) => Array.isArray(e.path) && e.path.length === 1 && (e.extensions as { code?: string } | undefined)?.code !== 'INTERNAL_SERVER_ERROR')
  );
}

/** The root fields an answer's errors name, as one comparable text. */
const rootFields = (answer: { errors?: { path?: unknown }[] }): string =>
  JSON.stringify([...new Set((answer.errors ?? []).map((e) => (Array.isArray(e.path) ? String(e.path[0]) : '')))].sort());
