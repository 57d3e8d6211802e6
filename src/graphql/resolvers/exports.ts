import { exportContractVersion } from '../../app/exports/exportContractVersion';
import type { Resolvers } from '../generated/types';

export const exportResolvers: Resolvers = {
  ContractVersion: {
    export: (version, { format }, context) => exportContractVersion(context, version, format),
  },
};
