import type { Caller } from '../domain/identity/caller';
import { clientOfClaims } from './claims';

// Restrictions that follow a caller from its token to the GraphQL server, without widening the
// domain's Caller: the authenticator marks the caller, the server asks.

const TRUSTED_DOCUMENTS_ONLY = new WeakSet<Caller>();

/** Marks `caller` when its token's client is one of `clients`: it may then send only trusted documents. */
export function restrictCaller(caller: Caller, claims: Readonly<Record<string, unknown>>, clients: ReadonlySet<string>): Caller {
  const client = clientOfClaims(claims);
  if (client !== null && clients.has(client)) TRUSTED_DOCUMENTS_ONLY.add(caller);
  return caller;
}

/** Must this caller send only the trusted documents registered with Onus (ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS)? */
export function mustSendTrustedDocuments(caller: Caller): boolean {
  return TRUSTED_DOCUMENTS_ONLY.has(caller);
}
