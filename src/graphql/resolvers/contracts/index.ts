import { confirmUpstreamHandlings } from '../../../app/contracts/confirmUpstreamHandlings';
import { discardContractDraft } from '../../../app/contracts/discardContractDraft';
import { reaccountContractDraft } from '../../../app/contracts/reaccountContractDraft';
import { publishContractDraft } from '../../../app/contracts/publishContractDraft';
import { diffContractVersions } from '../../../app/contracts/readContracts';
import { setResponsibilities } from '../../../app/contracts/setResponsibilities';
import { startContractDraft } from '../../../app/contracts/startContractDraft';
import type { Resolvers } from '../../generated/types';
import { contractTypeResolvers } from './types';

export const contractResolvers: Resolvers = {
  ...contractTypeResolvers,
  Query: {
    contractDiff: (_parent, { serviceId, fromVersion, toVersion }, context) => diffContractVersions(context, serviceId, fromVersion, toVersion),
  },
  Mutation: {
    startContractDraft: (_parent, { serviceId, from }, context) => startContractDraft(context, serviceId, from),
    setResponsibilities: (_parent, { serviceId, revision, responsibilities }, context) => setResponsibilities(context, serviceId, revision, responsibilities),
    discardContractDraft: (_parent, { serviceId, revision }, context) => discardContractDraft(context, serviceId, revision),
    confirmUpstreamHandlings: (_parent, { serviceId, revision, controlIds }, context) => confirmUpstreamHandlings(context, serviceId, revision, controlIds),
    reaccountContractDraft: (_parent, { serviceId, revision }, context) => reaccountContractDraft(context, serviceId, revision),
    publishContractDraft: (_parent, { serviceId, revision, changeNote, effectiveFrom }, context) =>
      publishContractDraft(context, serviceId, revision, changeNote, effectiveFrom),
  },
};
