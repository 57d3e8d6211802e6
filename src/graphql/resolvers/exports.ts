import { exportContractVersion } from '../../app/exports/exportContractVersion';
import { exportResponsibilityMatrix } from '../../app/exports/exportResponsibilityMatrix';
import { importContractDraft } from '../../app/exports/importContractDraft';
import type { Resolvers } from '../generated/types';

export const exportResolvers: Resolvers = {
  Query: {
    responsibilityMatrix: (_parent, { format, customerOrganizationId, encoding }, context) =>
      exportResponsibilityMatrix(context, format, customerOrganizationId, encoding ?? 'NONE'),
  },
  Mutation: {
    importContractDraft: (_parent, args, context) => importContractDraft(context, args),
  },
  ContractVersion: {
    export: (version, { format, encoding }, context) => exportContractVersion(context, version, format, encoding ?? 'NONE'),
  },
};
