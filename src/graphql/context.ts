import type { AppContext } from '../app/context';

/** What every resolver receives: the use cases' context (who is asking, and the means to answer) and the request id. */
export interface GraphQLContext extends AppContext {
  readonly requestId: string;
}
