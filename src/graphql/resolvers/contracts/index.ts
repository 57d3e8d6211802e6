import { diffContracts } from '../../../domain/contracts/diff';
import { badInput, notFound } from '../../../domain/errors';
import type { Resolvers } from '../../generated/types';
import { loadService } from '../access';
import { contractMutations } from './mutations';
import { contractTypeResolvers } from './types';

export const contractResolvers: Resolvers = {
  ...contractTypeResolvers,
  Query: {
    contractDiff: async (_parent, { serviceId, fromVersion, toVersion }, context) => {
      const service = await loadService(context, serviceId);
      if (fromVersion === toVersion) throw badInput('Pick two different versions to compare.', [{ path: 'toVersion', message: 'same as fromVersion' }]);
      const [from, to] = await context.loaders.contractVersion.loadMany([`${serviceId}#${fromVersion}`, `${serviceId}#${toVersion}`]);
      for (const [found, number] of [[from, fromVersion], [to, toVersion]] as const) {
        if (!found || found instanceof Error) throw notFound(`${service.name} has no published version ${number}.`);
      }
      const diff = diffContracts((from as Exclude<typeof from, Error | null | undefined>).responsibilities, (to as Exclude<typeof to, Error | null | undefined>).responsibilities);
      return { ...diff, serviceId, fromVersion, toVersion };
    },
  },
  Mutation: contractMutations,
};
