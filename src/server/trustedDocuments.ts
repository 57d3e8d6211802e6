import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { mustSendTrustedDocuments } from '../auth/restrictions';
import type { GraphQLContext } from '../graphql/context';
import manifest from './trusted-documents.json';

// Trusted documents: the operations Onus's own clients send (the README's and the demo's), registered
// in src/server/trusted-documents.json in Apollo's persisted query manifest format, each under the
// SHA-256 of its body (the hash Apollo's persisted queries use). Any client may send one by its hash
// alone (`extensions.persistedQuery`), without registering it first. A client listed in
// ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS (the token's client_id or azp) may send nothing else: a vendor
// portal locks its API surface, and a token stolen from it cannot run arbitrary queries. Other clients
// are unaffected. test/unit/trustedDocuments.test.ts regenerates the manifest and keeps it current.

export interface TrustedDocument {
  readonly id: string;
  readonly name: string | null;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

export interface TrustedDocumentManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly TrustedDocument[];
}

export const TRUSTED_DOCUMENTS = manifest as TrustedDocumentManifest;

/** The hash Apollo's persisted queries name a document by: SHA-256 of its exact text, in hex. */
export const documentHash = (body: string): string => createHash('sha256').update(body).digest('hex');

export const NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';

export function trustedDocumentsPlugin(documents: TrustedDocumentManifest = TRUSTED_DOCUMENTS): ApolloServerPlugin<GraphQLContext> {
  const bodies = new Map(documents.operations.map((d) => [d.id, d.body]));
  return {
    async requestDidStart({ request }) {
      // A registered document named by its hash alone: its text, whatever the cache of this instance holds.
      const hash = request.extensions?.persistedQuery?.sha256Hash;
      if (request.query === undefined && typeof hash === 'string' && bodies.has(hash)) request.query = bodies.get(hash);
      return {
        async didResolveOperation({ contextValue, queryHash }) {
          if (!mustSendTrustedDocuments(contextValue.caller) || bodies.has(queryHash)) return;
          throw new GraphQLError(
            'This client may send only the trusted documents registered with Onus (by their sha256Hash, or their exact text); this document is not one of them.',
            { extensions: { code: NOT_IN_LIST, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
