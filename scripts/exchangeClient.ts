// What `npm run export` and `npm run import` share: flags, the API to talk to (URL and token from
// flags or the environment, defaulting to what `npm start` prints), one GraphQL call with errors a
// person can act on, and progress on stderr (stdout stays free for a document written to "-").
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const DEFAULT_URL = 'http://localhost:4000/graphql';

export class CliError extends Error {}

export const progress = (line: string) => process.stderr.write(`• ${line}\n`);

export function flags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    const all = { ...options, url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean' } } as const;
    const { values } = parseArgs({ args: argv, options: all, strict: true });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(usage);
      process.exit(0);
    }
    return values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } & { url?: string; token?: string };
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`);
  }
}

export interface Api {
  readonly url: string;
  call<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

interface Problem {
  readonly path?: string;
  readonly code?: string;
  readonly message: string;
}

export function api(values: { url?: string; token?: string }): Api {
  const url = values.url ?? process.env.ONUS_URL ?? DEFAULT_URL;
  const token = values.token ?? process.env.ONUS_TOKEN;
  if (!token) {
    throw new CliError(
      'No token. Pass --token <jwt> or set ONUS_TOKEN (npm start prints one per demo identity, e.g. export ONUS_TOKEN=$ONUS_TOKEN_PROVIDER_ADMIN).',
    );
  }
  return {
    url,
    async call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new CliError(`Could not reach ${url} (${cause}). Is the API running? Start it with npm start, or pass --url / set ONUS_URL.`);
      }
      const text = await response.text();
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string; problems?: Problem[] } }[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new CliError(`${url} answered HTTP ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
      }
      const errors = body.errors ?? [];
      if (errors.length) {
        const first = errors[0]!;
        const code = first.extensions?.code ?? `HTTP ${response.status}`;
        const hint =
          code === 'UNAUTHENTICATED'
            ? ' Get a fresh token (npm start prints them; they last 7 days) and pass it with --token or ONUS_TOKEN.'
            : code === 'FORBIDDEN'
              ? " The token's identity may not do this: use a token of the service's provider admin."
              : '';
        const problems = errors.flatMap((e) => e.extensions?.problems ?? []);
        throw new CliError([`${first.message} [${code}]${hint}`, ...problems.map((p) => `  - ${p.message}${p.code ? ` [${p.code}]` : ''}`)].join('\n'));
      }
      if (body.data === undefined || body.data === null) throw new CliError(`${url} answered HTTP ${response.status} without data.`);
      return body.data;
    },
  };
}

/** Runs a command's main, turning a CliError into its message on stderr and exit code 1. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof CliError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  });
}

const BY_NAME = `query ExchangeServiceByName($text: String!) { cloudServices(filter: { text: $text }, first: 20) { edges { node { id name } } } }`;

/**
 * A service named on the command line by its id or by its name (ids are UUIDs nobody types): a UUID
 * is used as it is; anything else is looked up by name, and only an exact (case-insensitive) match of
 * one service is taken, so a typo never exports or imports the wrong service. No match: it is taken
 * as an id, and the API says whether it exists.
 */
export async function resolveService(client: Api, idOrName: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName)) return idOrName;
  const { cloudServices } = await client.call<{ cloudServices: { edges: { node: { id: string; name: string } }[] } }>(BY_NAME, { text: idOrName });
  const exact = cloudServices.edges.map((e) => e.node).filter((s) => s.name.toLowerCase() === idOrName.trim().toLowerCase());
  if (exact.length > 1) {
    throw new CliError(`Several services are called "${idOrName}": name one by its id.\n${exact.map((s) => `  ${s.id}  ${s.name}`).join('\n')}`);
  }
  if (exact.length === 1) progress(`"${idOrName}" is service ${exact[0]!.id}`);
  return exact[0]?.id ?? idOrName;
}
