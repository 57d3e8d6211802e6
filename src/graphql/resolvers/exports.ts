import { exportContractVersion } from '../../app/exports/exportContractVersion';
import { exportResponsibilityMatrix } from '../../app/exports/exportResponsibilityMatrix';
import { importContractDraft } from '../../app/exports/importContractDraft';
import type { Resolvers } from '../generated/types';

export const exportResolvers: Resolvers = {
  Query: {
    responsibilityMatrix: (_parent, { format, customerOrganizationId }, context) => exportResponsibilityMatrix(context, format, customerOrganizationId),
  },
  Mutation: {
    importContractDraft: (_parent, args, context) => importContractDraft(context, args),
  },
  ContractVersion: {
    export: (version, { format }, context) => exportContractVersion(context, version, format),
  },
};
